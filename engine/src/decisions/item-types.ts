import type { ProblemCode } from '../model/types.js';
import { checkUnaryTests, testFeel } from '../expressions/feel.js';
import { feelType, isFeelContext, parseTemporal, type FeelTypeName, type FeelValue } from '../expressions/feel-values.js';
import type { DmnItemDefinition } from './parse.js';

/** The FEEL types a typeRef can name; Any takes every value. */
export type BuiltinTypeName = Exclude<FeelTypeName, 'Null' | 'unknown'> | 'Any';

/** A type a value must have: a FEEL type, or an item definition of the DMN file. Immutable once resolved. */
export interface ItemType {
  /** As the model names it, for messages. */
  name: string;
  base: BuiltinTypeName | 'structure';
  /** The components of a structure, in model order. */
  components?: { name: string; type: ItemType }[];
  /** For a collection (`isCollection`): the type of each item. */
  item?: ItemType;
  /** Unary tests a value (of a collection: each item) must pass. */
  allowedValues?: string;
}

const BUILTIN_NAMES: Record<string, BuiltinTypeName> = {
  any: 'Any',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  'date and time': 'date and time',
  datetime: 'date and time',
  'days and time duration': 'days and time duration',
  daytimeduration: 'days and time duration',
  'years and months duration': 'years and months duration',
  yearmonthduration: 'years and months duration',
  context: 'context',
  list: 'list',
  function: 'function',
  range: 'range',
};

const ANY: ItemType = { name: 'Any', base: 'Any' };

function builtin(typeRef: string): BuiltinTypeName | undefined {
  const bare = typeRef.replace(/^feel:/, '').replace(/\s+/g, ' ').trim().toLowerCase();
  return BUILTIN_NAMES[bare];
}

/** The item definitions of one DMN file, resolved by name on first use. */
export class TypeRegistry {
  private readonly definitions = new Map<string, DmnItemDefinition>();
  private readonly resolved = new Map<string, ItemType>();

  constructor(
    itemDefinitions: DmnItemDefinition[],
    private readonly report: (message: string, elementId?: string, coded?: ProblemCode) => void,
  ) {
    for (const definition of itemDefinitions) if (definition.name) this.definitions.set(definition.name, definition);
  }

  /** The type a typeRef names; Any for none. An unknown name is reported and read as Any. */
  resolve(typeRef: string | undefined, where: string): ItemType {
    const name = typeRef?.trim();
    if (!name) return ANY;
    const own = this.definitions.get(name) ?? this.definitions.get(name.replace(/^[\w-]+:/, ''));
    if (own) return this.fromDefinition(own);
    const base = builtin(name);
    if (base) return base === 'Any' ? ANY : { name, base };
    this.report(`${where} has type "${name}", which is neither a FEEL type nor an item definition of this file`, undefined, { code: 'type-unknown', params: { type: name } });
    return ANY;
  }

  private fromDefinition(definition: DmnItemDefinition): ItemType {
    const key = definition.name ?? '';
    const known = this.resolved.get(key);
    if (known) return known;
    const type: ItemType = { name: key, base: 'Any' };
    // Registered before its parts are read, so a recursive structure (a tree) resolves to itself.
    this.resolved.set(key, type);
    const single = this.describe(definition, `item definition "${key}"`);
    if (definition.isCollection) {
      Object.assign(type, { base: 'list', item: { ...single, name: `${key} item` } });
    } else {
      Object.assign(type, single, { name: key });
    }
    return type;
  }

  /** An item definition (or component) read as one value's type, ignoring isCollection. */
  private describe(definition: DmnItemDefinition, where: string): ItemType {
    const allowed = definition.allowedValues?.text?.trim() || undefined;
    if (allowed) {
      const syntax = checkUnaryTests(allowed);
      if (syntax) this.report(`${where}: its allowed values are not valid: ${syntax}`, definition.id, { code: 'type-allowed-values', params: { type: definition.name ?? '', values: allowed } });
    }
    const components = definition.itemComponent ?? [];
    if (components.length > 0) {
      return {
        name: definition.name ?? '',
        base: 'structure',
        components: components.map((c) => ({
          name: c.name ?? '',
          type: c.isCollection || (c.itemComponent ?? []).length > 0 || c.allowedValues ? this.component(c, where) : this.resolve(c.typeRef, `${where}, component "${c.name}"`),
        })),
        ...(allowed ? { allowedValues: allowed } : {}),
      };
    }
    const base = this.resolve(definition.typeRef, where);
    return { ...base, ...(allowed ? { allowedValues: allowed } : {}) };
  }

  private component(definition: DmnItemDefinition, where: string): ItemType {
    const single = this.describe(definition, `${where}, component "${definition.name}"`);
    return definition.isCollection ? { name: definition.name ?? '', base: 'list', item: single } : single;
  }
}

/** Whether a value is of a type (DMN 1.3, 10.3.2.9.2 "conforms to"); null fits every type. */
export function conforms(value: FeelValue, type: ItemType): boolean {
  if (value === null || value === undefined) return true;
  if (!baseConforms(value, type)) return false;
  if (type.allowedValues && type.base !== 'list') return testFeel(type.allowedValues, value, {}) === true;
  return true;
}

function baseConforms(value: FeelValue, type: ItemType): boolean {
  const actual = feelType(value);
  switch (type.base) {
    case 'Any':
      return true;
    case 'structure':
      return isFeelContext(value) && (type.components ?? []).every((c) => conforms(value[c.name] ?? null, c.type));
    case 'list':
      return Array.isArray(value) && (!type.item || value.every((v) => conforms(v, type.item!)));
    default:
      return actual === type.base;
  }
}

/**
 * A value made to fit a type as DMN 1.3 (10.3.2.9.4) does: a one-item list stands for its item and an item for a
 * one-item list where the other is wanted; what still does not fit gives `fits: false` (and the value null).
 */
export function coerce(value: FeelValue, type: ItemType): { value: FeelValue; fits: boolean } {
  if (conforms(value, type)) return { value: value ?? null, fits: true };
  const wantsList = type.base === 'list' || type.base === 'Any';
  if (!wantsList && Array.isArray(value) && value.length === 1 && conforms(value[0], type)) return { value: value[0], fits: true };
  if (type.base === 'list' && type.item && !Array.isArray(value) && conforms(value, type.item)) return { value: [value], fits: true };
  return { value: null, fits: false };
}

/**
 * A value from outside (JSON of an API client or a process variable) read as the type wants: texts become
 * dates, times and durations where the type says so, deep in structures and lists.
 */
export function fromOutside(value: FeelValue, type: ItemType): FeelValue {
  if (value === null || value === undefined) return null;
  switch (type.base) {
    case 'date':
    case 'time':
    case 'date and time':
    case 'days and time duration':
    case 'years and months duration':
      return typeof value === 'string' ? (parseTemporal(value, type.base) ?? value) : value;
    case 'structure':
      if (!isFeelContext(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          const component = type.components?.find((c) => c.name === k);
          return [k, component ? fromOutside(v, component.type) : v];
        }),
      );
    case 'list':
      return Array.isArray(value) && type.item ? value.map((v) => fromOutside(v, type.item!)) : value;
    default:
      return value;
  }
}

/** "number", "tPerson (a structure)", "list of string": how a type reads in a message. */
export function typeInWords(type: ItemType): string {
  if (type.base === 'list' && type.item) return `${type.name} (list of ${typeInWords(type.item)})`;
  if (type.base === 'structure' || type.name === type.base) return type.name;
  return `${type.name} (${type.base})`;
}
