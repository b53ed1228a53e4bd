import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loket from './loket-moddle.json' with { type: 'json' };
import type { ModelProblem } from './types.js';

/**
 * The loose shape of what bpmn-moddle returns. Its own typings do not know the zeebe: and loket:
 * extensions, so rules read properties through this one type and check what they find.
 */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  [property: string]: unknown;
}

export interface ParsedDefinitions {
  definitions: ModdleElement;
  /** The line of the element with this id in the XML, where it can be found. */
  lineOf(id: string | undefined): number | undefined;
}

const moddle = new BpmnModdle({ zeebe, loket } as Record<string, object>);

/** Parses BPMN XML; problems carry a line where the parser or the source can tell one. */
export async function parseBpmn(xml: string): Promise<{ parsed?: ParsedDefinitions; problems: ModelProblem[] }> {
  const lineOf = indexLines(xml);
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const problems = warnings
      // The XML arrives as a decoded string, so the encoding it declares no longer matters.
      .filter((warning) => !warning.message.startsWith('unsupported document encoding'))
      .map((warning) => problemFromParserMessage(warning.message));
    return { parsed: { definitions: rootElement as unknown as ModdleElement, lineOf }, problems };
  } catch (err) {
    return { problems: [problemFromParserMessage(`the XML cannot be read: ${(err as Error).message}`)] };
  }
}

/** The parser reports "...\n\tline: 6\n\tcolumn: 2\n\tnested error: ..."; keep it on one readable line. */
function problemFromParserMessage(message: string): ModelProblem {
  const line = /line: (\d+)/.exec(message);
  const text = message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => !/^(line|column):/.test(part))
    .join('; ');
  // The XML parser counts lines from 0.
  return line ? { line: Number(line[1]) + 1, message: text } : { message: text };
}

function indexLines(xml: string): (id: string | undefined) => number | undefined {
  const lines = new Map<string, number>();
  const pattern = /\sid="([^"]+)"/g;
  let lineNumber = 1;
  let scanned = 0;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    for (; scanned < match.index; scanned++) if (xml.charCodeAt(scanned) === 10) lineNumber++;
    if (!lines.has(match[1])) lines.set(match[1], lineNumber);
  }
  return (id) => (id === undefined ? undefined : lines.get(id));
}

/** The zeebe:/loket: extension element of a type, e.g. 'zeebe:AssignmentDefinition'. */
export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const container = element.extensionElements as { values?: ModdleElement[] } | undefined;
  return container?.values?.find((value) => value.$type === type);
}

/** The name under which Loket reads the decision date of a business rule task from its zeebe:properties. */
export const DECISION_DATE_PROPERTY = 'loket:decisionDate';

/** The value of a zeebe:property (an "extension property" in Camunda Modeler) of an element, by name. */
export function zeebeProperty(element: ModdleElement, name: string): string | undefined {
  const properties = extension(element, 'zeebe:Properties');
  const property = list(properties?.properties).find((p) => p.name === name);
  return text(property?.value);
}

export function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
