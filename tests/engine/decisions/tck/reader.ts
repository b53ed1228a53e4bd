import { duration } from 'feelin';
import { readDate, readDateTime, readTime } from '../../../../engine/src/expressions/builtins/temporal-lexical.js';
import type { FeelValue } from '../../../../engine/src/expressions/feel-values.js';

/** Just enough XML for the TCK's testCases files: elements, attributes and text, no DTDs. */
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
  );
}

function localName(name: string): string {
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const tokens = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^>\s]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(tokens)) {
    const current = stack[stack.length - 1]!;
    if (m[1] !== undefined) current.text += m[1];
    else if (m[2] !== undefined) stack.pop();
    else if (m[3] !== undefined) {
      const attributes: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name: localName(m[3]), attributes, children: [], text: '' };
      current.children.push(element);
      if (m[5] !== '/') stack.push(element);
    } else if (m[6] !== undefined) current.text += decode(m[6]);
  }
  return root.children[0]!;
}

const NUMBER_TYPES = new Set(['decimal', 'double', 'float', 'integer', 'int', 'long', 'short']);

/** A TCK value that feelin cannot represent (a date before the year 1, say): it equals nothing, so its case fails honestly. */
export class UnreadableValue {
  constructor(readonly text: string) {}
  toString(): string {
    return `unreadable ${this.text}`;
  }
}

function temporal(parse: (text: string) => FeelValue, text: string, type: string): FeelValue {
  try {
    return parse(text.trim()) ?? new UnreadableValue(`${type} ${text}`);
  } catch {
    return new UnreadableValue(`${type} ${text}`);
  }
}

/** A TCK value as the FEEL value it stands for: xsd:date a FEEL date, xsd:duration a FEEL duration, and so on. */
function scalar(value: XmlElement): FeelValue {
  if (value.attributes['xsi:nil'] === 'true') return null;
  const type = (value.attributes['xsi:type'] ?? 'xsd:string').replace(/^\w+:/, '');
  const text = value.text;
  if (NUMBER_TYPES.has(type)) return Number(text);
  if (type === 'boolean') return text.trim() === 'true';
  // Read as the engine's date() reads XML Schema dates: feelin's own parser refuses years before 1.
  if (type === 'date') return temporal(readDate, text, type);
  if (type === 'dateTime') return temporal(readDateTime, text, type);
  if (type === 'time') return temporal(readTime, text, type);
  if (type === 'duration') return temporal(duration, text, type);
  return text;
}

function valueOf(holder: XmlElement): FeelValue {
  if (holder.attributes['xsi:nil'] === 'true') return null;
  const value = holder.children.find((c) => c.name === 'value');
  if (value) {
    // A value element can itself hold a list or components (some TCK files nest them so).
    return value.children.length > 0 ? valueOf(value) : scalar(value);
  }
  const list = holder.children.find((c) => c.name === 'list');
  if (list) return list.attributes['xsi:nil'] === 'true' ? null : list.children.filter((c) => c.name === 'item').map(valueOf);
  const components = holder.children.filter((c) => c.name === 'component');
  if (components.length > 0) return Object.fromEntries(components.map((c) => [c.attributes.name ?? '', valueOf(c)]));
  return null;
}

export interface TckCase {
  id: string;
  /** What the case gives, by input (or decision) name. */
  inputs: Record<string, FeelValue>;
  /** What each named decision must decide; errorResult: an error or null. */
  results: { name: string; expected: FeelValue; errorResult: boolean }[];
}

export function readTckModelName(xml: string): string | undefined {
  return parseXml(xml).children.find((c) => c.name === 'modelName')?.text.trim();
}

export function readTckCases(xml: string): TckCase[] {
  return parseXml(xml)
    .children.filter((c) => c.name === 'testCase')
    .map((testCase) => ({
      id: testCase.attributes.id ?? '',
      inputs: Object.fromEntries(testCase.children.filter((c) => c.name === 'inputNode').map((n) => [n.attributes.name ?? '', valueOf(n)])),
      results: testCase.children
        .filter((c) => c.name === 'resultNode')
        .map((n) => ({
          name: n.attributes.name ?? '',
          errorResult: n.attributes.errorResult === 'true',
          expected: valueOf(n.children.find((c) => c.name === 'expected') ?? n),
        })),
    }));
}
