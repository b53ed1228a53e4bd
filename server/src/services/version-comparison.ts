import { diff } from 'bpmn-js-differ';
import type { EntityManager } from 'typeorm';
import { parseBpmn, type ModdleElement } from '../../../engine/src/model/parse.js';
import { notFound } from '../http/errors.js';
import { processDefinition } from '../persistence/repositories/definitions.js';

/** What happened to one element between two versions of a process. */
export interface ElementChange {
  change: 'added' | 'removed' | 'changed' | 'moved';
  id: string;
  /** The BPMN type without its prefix, e.g. UserTask. */
  type: string;
  name: string;
  /** For `changed`: each attribute that differs, as text. */
  attributes: { name: string; before: string; after: string }[];
}

export interface VersionComparison {
  key: string;
  before: { version: number; xml: string };
  after: { version: number; xml: string };
  changes: ElementChange[];
}

interface DiffResult {
  _added: Record<string, ModdleElement>;
  _removed: Record<string, ModdleElement>;
  _changed: Record<string, { model: ModdleElement; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
  _layoutChanged: Record<string, ModdleElement>;
}

/** A nested element's content (no parent links, no ids of what it refers to), for the change list. */
function plain(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  const element = value as ModdleElement;
  if (depth > 0 && element.id) return element.id;
  if (depth > 4) return '…';
  return Object.fromEntries(
    Object.entries(element)
      .filter(([key]) => key !== '$parent' && key !== '$attrs' && (key === '$type' || !key.startsWith('$')))
      .map(([key, v]) => [key, plain(v, depth + 1)]),
  );
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  const element = value as ModdleElement;
  // A reference (say, a default flow) is shown by its id; a nested element (say, extension elements) by its content.
  return element.id ?? JSON.stringify(plain(element));
}

/** Every element with an id in a moddle tree, by id. */
function byId(root: ModdleElement): Map<string, ModdleElement> {
  const found = new Map<string, ModdleElement>();
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(visit);
    const element = value as ModdleElement;
    if (typeof element.$type !== 'string') return;
    if (element.id && !found.has(element.id)) found.set(element.id, element);
    for (const [key, child] of Object.entries(element)) if (!key.startsWith('$')) visit(child);
  };
  visit(root);
  return found;
}

/**
 * An attribute's value in each version, read from the versions themselves: bpmn-js-differ hands a changed
 * value over as (new, old) where it calls them (old, new).
 */
function attributeValues(name: string, before: ModdleElement | undefined, after: ModdleElement | undefined): { before: string; after: string } {
  const read = (element: ModdleElement | undefined) => shown((element as { get?(n: string): unknown } | undefined)?.get?.(name) ?? element?.[name]);
  return { before: read(before), after: read(after) };
}

function change(kind: ElementChange['change'], element: ModdleElement, attributes: ElementChange['attributes'] = []): ElementChange {
  return { change: kind, id: element.id ?? '', type: element.$type.replace(/^\w+:/, ''), name: element.name ?? '', attributes };
}

/** Two versions of a deployed process and what differs between them, element by element (bpmn-js-differ). */
export async function compareProcessVersions(em: EntityManager, key: string, before: number, after: number): Promise<VersionComparison> {
  const [older, newer] = await Promise.all([processDefinition(em, key, before), processDefinition(em, key, after)]);
  if (!older || !newer) throw notFound(`process "${key}" has no version ${!older ? before : after}`);
  const [a, b] = await Promise.all([parseBpmn(older.xml), parseBpmn(newer.xml)]);
  const result = diff(a.parsed!.definitions, b.parsed!.definitions) as DiffResult;
  const [beforeIds, afterIds] = [byId(a.parsed!.definitions), byId(b.parsed!.definitions)];
  const changes: ElementChange[] = [
    ...Object.values(result._added).map((element) => change('added', element)),
    ...Object.values(result._removed).map((element) => change('removed', element)),
    ...Object.values(result._changed).map(({ model, attrs }) =>
      change(
        'changed',
        model,
        // A key like flowElements[2] is an element added or removed inside this one: listed as that element.
        Object.keys(attrs).filter((name) => !name.includes('[')).map((name) => ({ name: name.replace(/^\w+:/, ''), ...attributeValues(name, beforeIds.get(model.id!), afterIds.get(model.id!)) })),
      ),
    ),
    ...Object.values(result._layoutChanged)
      .filter((element) => !(element.id! in result._changed))
      .map((element) => change('moved', element)),
  ];
  return { key, before: { version: before, xml: older.xml }, after: { version: after, xml: newer.xml }, changes };
}
