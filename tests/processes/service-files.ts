import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** What moddle returns, read loosely: the shipped files are checked, not trusted. */
export interface Element {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const FORM_SUFFIX = '.form.json';

export const list = (value: unknown) => (Array.isArray(value) ? (value as Element[]) : []);

export const inside = (inner: Bounds, outer: Bounds) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** An Ajv for the forms as the server compiles them: JSON Schema 2020-12, strict, with formats. */
export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

/** README sections "### `form-key`" each hold a ```json example of what that form accepts. */
export function readmeExamples(readme: string): Map<string, Record<string, unknown>> {
  const examples = new Map<string, Record<string, unknown>>();
  for (const section of readme.split(/^### /m).slice(1)) {
    const key = /^`([^`]+)`/.exec(section)?.[1];
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    if (key && json) examples.set(key, JSON.parse(json) as Record<string, unknown>);
  }
  return examples;
}
