import type { JsonValue, Variables } from '../../../engine/src/expressions/feel.js';

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

function valueOf(holder: XmlElement): JsonValue {
  const value = holder.children.find((c) => c.name === 'value');
  if (value) {
    if (value.attributes['xsi:nil'] === 'true') return null;
    const type = value.attributes['xsi:type'] ?? 'xsd:string';
    if (type === 'xsd:decimal' || type === 'xsd:double' || type === 'xsd:integer' || type === 'xsd:int' || type === 'xsd:long') return Number(value.text);
    if (type === 'xsd:boolean') return value.text.trim() === 'true';
    return value.text;
  }
  const list = holder.children.find((c) => c.name === 'list');
  if (list) return list.children.filter((c) => c.name === 'item').map(valueOf);
  const components = holder.children.filter((c) => c.name === 'component');
  if (components.length > 0) return Object.fromEntries(components.map((c) => [c.attributes.name ?? '', valueOf(c)]));
  return null;
}

export interface TckCase {
  id: string;
  inputs: Variables;
  results: { name: string; expected: JsonValue; errorResult: boolean }[];
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
