import type { ErrorObject } from 'ajv';
import type { Variables } from '../../../engine/src/index.js';
import { schemaToDesign, type FieldKind } from './form-fields.js';
import { fill, type Texts } from './texts.js';

/*
 * A task's JSON Schema form on a server-rendered page: the fields to draw (with what was typed or is already
 * known, and the problem next to each), what a submitted HTML form means as typed variables, and ajv's
 * findings said in the civil servant's words.
 */

type Schema = Record<string, unknown>;

export interface PageField {
  name: string;
  id: string;
  label: string;
  help: string;
  kind: FieldKind;
  /** The input's type for a one-line field: text, email, url or date. */
  inputType: string;
  /** A hint to phones and tablets for which keyboard to show. */
  inputMode?: string;
  required: boolean;
  value: string;
  yes: boolean;
  no: boolean;
  options: { value: string; selected: boolean }[];
  maxLength?: number;
  error?: string;
}

const NUMBER = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 20 });

function propertiesOf(schema: Schema): Record<string, Schema> {
  return (schema.properties ?? {}) as Record<string, Schema>;
}

/** How a known value is written in a field: numbers the Belgian way, the rest as it is. */
function asFieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The fields of a form, in the schema's order. `typed` are the raw texts of a submission that came back with
 * problems; otherwise `known` values (the case's variables of the same name, as Camunda's task list does)
 * fill the fields.
 */
export function pageFields(schema: Schema, known: Record<string, unknown>, typed: Record<string, string> | undefined, errors: Map<string, string>): PageField[] {
  const properties = propertiesOf(schema);
  return schemaToDesign(schema).fields.map((field) => {
    const property = properties[field.name] ?? {};
    const value = typed ? (typed[field.name] ?? '') : field.kind === 'yesNo' ? String(known[field.name] ?? '') : asFieldText(known[field.name]);
    const format = property.format;
    return {
      name: field.name,
      id: `veld-${field.name}`,
      label: field.label,
      help: field.help,
      kind: field.kind,
      inputType: format === 'email' ? 'email' : format === 'uri' ? 'url' : field.kind === 'date' ? 'date' : 'text',
      ...(field.kind === 'number' ? { inputMode: 'decimal' } : field.kind === 'integer' ? { inputMode: 'numeric' } : {}),
      required: field.required,
      value,
      yes: value === 'true',
      no: value === 'false',
      options: field.options.map((option) => ({ value: option, selected: option === value })),
      ...(typeof property.maxLength === 'number' ? { maxLength: property.maxLength } : {}),
      ...(errors.has(field.name) ? { error: errors.get(field.name) } : {}),
    };
  });
}

/** The error summary above a form: one link per field with a problem, to that field. */
export function errorLinks(fields: PageField[]): { href: string; message: string }[] {
  return fields
    .filter((field) => field.error)
    .map((field) => ({ href: `#${field.id}`, message: `${field.label}: ${field.error![0]!.toLowerCase()}${field.error!.slice(1)}` }));
}

/** "1.500,50", "1500.5" and "12" as numbers; anything else stays text, and the form's check says so. */
export function readNumber(text: string): number | string {
  const trimmed = text.trim().replace(/\s/g, '');
  let normal = trimmed;
  if (trimmed.includes(',')) normal = trimmed.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(trimmed)) normal = trimmed.replace(/\./g, '');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : text;
}

/**
 * What a submitted form means: per field of the schema its typed value. An empty field is left out, so that a
 * required one is reported missing; only the schema's fields are read, whatever else was posted.
 */
export function readSubmission(schema: Schema, body: Record<string, unknown>): { variables: Variables; typed: Record<string, string> } {
  const variables: Variables = {};
  const typed: Record<string, string> = {};
  for (const field of schemaToDesign(schema).fields) {
    const raw = body[field.name];
    const text = typeof raw === 'string' ? raw : '';
    typed[field.name] = text;
    if (text.trim() === '') continue;
    switch (field.kind) {
      case 'number':
      case 'integer':
        variables[field.name] = readNumber(text);
        break;
      case 'yesNo':
        variables[field.name] = text === 'true' ? true : text === 'false' ? false : text;
        break;
      default:
        variables[field.name] = text;
    }
  }
  return { variables, typed };
}

/** ajv's findings as one Dutch sentence per field (the first problem of each), and what concerns no field. */
export function explainProblems(schema: Schema, errors: ErrorObject[], words: Texts['formErrors']): { fields: Map<string, string>; general: string[] } {
  const kinds = new Map(schemaToDesign(schema).fields.map((field) => [field.name, field.kind]));
  const fields = new Map<string, string>();
  const general: string[] = [];
  for (const error of errors) {
    const name =
      error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : error.instancePath.split('/')[1];
    if (name === undefined || !kinds.has(name)) {
      general.push(fill(words.whole, { message: error.message ?? '' }));
      continue;
    }
    if (!fields.has(name)) fields.set(name, sentence(error, kinds.get(name)!, words));
  }
  return { fields, general };
}

function sentence(error: ErrorObject, kind: FieldKind, words: Texts['formErrors']): string {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params.limit === 'number' ? NUMBER.format(params.limit) : String(params.limit ?? '');
  switch (error.keyword) {
    case 'required':
      return kind === 'yesNo' ? words.requiredYesNo : kind === 'choice' ? words.requiredChoice : words.required;
    case 'type': {
      const wanted = String(params.type);
      if (wanted === 'integer') return words.integer;
      if (wanted === 'number') return words.number;
      if (wanted === 'boolean') return words.yesNo;
      return words.text;
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return fill(words[error.keyword], { limit });
    case 'minLength':
      return params.limit === 1 ? words.required : fill(words.minLength, { limit });
    case 'maxLength':
      return fill(words.maxLength, { limit, length: typeof error.data === 'string' ? error.data.length : '?' });
    case 'enum':
      return words.enum;
    case 'format':
      return params.format === 'date' ? words.date : params.format === 'email' ? words.email : words.format;
    case 'pattern':
      return words.pattern;
    default:
      return words.other;
  }
}

/** A value as a civil servant reads it on the case file: yes/no, Belgian numbers, dates as dates. */
export function readableValue(value: unknown, words: { yes: string; no: string }): string {
  if (value === true) return words.yes;
  if (value === false) return words.no;
  if (typeof value === 'number') return NUMBER.format(value);
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Intl.DateTimeFormat('nl-BE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => readableValue(item, words)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${readableValue(item, words)}`)
    .join('\n');
}
