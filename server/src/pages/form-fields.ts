import { fill } from './texts.js';

/*
 * A form as its designer and its reader think of it: a title and a list of fields. Deployed, a form is a
 * JSON Schema (2020-12); these two functions go from one to the other. Pure, so the modeler's form editor
 * (in the browser) and the pages that render a task's form (on the server) share them.
 */

/** What a field asks for. `date` is a string in the date format; `choice` a string out of `options`. */
export type FieldKind = 'text' | 'longText' | 'number' | 'integer' | 'yesNo' | 'date' | 'choice';
export const FIELD_KINDS: readonly FieldKind[] = ['text', 'longText', 'number', 'integer', 'yesNo', 'date', 'choice'];

export interface FormField {
  /** The variable the value is stored in. */
  name: string;
  label: string;
  help: string;
  kind: FieldKind;
  required: boolean;
  /** For `choice`: the values to choose from. */
  options: string[];
}

export interface FormDesign {
  title: string;
  description: string;
  fields: FormField[];
}

export const FORM_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A long text is a string longer than a line is likely to be. */
const LONG_TEXT = 2000;
const SHORT_TEXT = 200;

type Schema = Record<string, unknown>;

function propertyOf(field: FormField): Schema {
  const common: Schema = { title: field.label, ...(field.help ? { description: field.help } : {}) };
  switch (field.kind) {
    case 'text':
      return { ...common, type: 'string', maxLength: SHORT_TEXT };
    case 'longText':
      return { ...common, type: 'string', maxLength: LONG_TEXT };
    case 'number':
      return { ...common, type: 'number' };
    case 'integer':
      return { ...common, type: 'integer' };
    case 'yesNo':
      return { ...common, type: 'boolean' };
    case 'date':
      return { ...common, type: 'string', format: 'date' };
    case 'choice':
      return { ...common, type: 'string', enum: [...field.options] };
  }
}

export function designToSchema(design: FormDesign): Schema {
  const required = design.fields.filter((f) => f.required).map((f) => f.name);
  return {
    $schema: FORM_SCHEMA_DIALECT,
    title: design.title,
    ...(design.description ? { description: design.description } : {}),
    type: 'object',
    properties: Object.fromEntries(design.fields.map((field) => [field.name, propertyOf(field)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

function kindOf(property: Schema): FieldKind {
  if (Array.isArray(property.enum)) return 'choice';
  switch (property.type) {
    case 'boolean':
      return 'yesNo';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    default:
      if (property.format === 'date') return 'date';
      // An address or a link is one line, however long it may be.
      if (typeof property.format === 'string') return 'text';
      return typeof property.maxLength === 'number' && property.maxLength > SHORT_TEXT ? 'longText' : 'text';
  }
}

/** Reads a form's schema as fields; what a field cannot say (a pattern, a minimum) is not shown. */
export function schemaToDesign(schema: Schema): FormDesign {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return {
    title: typeof schema.title === 'string' ? schema.title : '',
    description: typeof schema.description === 'string' ? schema.description : '',
    fields: Object.entries(properties).map(([name, property]) => ({
      name,
      label: typeof property.title === 'string' ? property.title : name,
      help: typeof property.description === 'string' ? property.description : '',
      kind: kindOf(property),
      required: required.has(name),
      options: Array.isArray(property.enum) ? property.enum.map(String) : [],
    })),
  };
}

/** What is wrong with a design before it can become a form, in the designer's words. */
export function designProblems(key: string, design: FormDesign, words: FormProblemTexts): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key)) problems.push(fill(words.badKey, { key }));
  if (!design.title.trim()) problems.push(words.noTitle);
  const seen = new Set<string>();
  design.fields.forEach((field, i) => {
    const which = field.label.trim() || `${i + 1}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field.name)) problems.push(fill(words.badName, { field: which, name: field.name }));
    else if (seen.has(field.name)) problems.push(fill(words.duplicateName, { name: field.name }));
    seen.add(field.name);
    if (!field.label.trim()) problems.push(fill(words.noLabel, { field: which }));
    if (field.kind === 'choice' && field.options.length === 0) problems.push(fill(words.noOptions, { field: which }));
  });
  return problems;
}

export interface FormProblemTexts {
  badKey: string;
  noTitle: string;
  badName: string;
  duplicateName: string;
  noLabel: string;
  noOptions: string;
}

/** "Naam van de vereniging" → "naamVanDeVereniging": a variable name a FEEL expression can use. */
export function variableName(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[0-9]/.test(joined) ? `veld${joined}` : joined;
}
