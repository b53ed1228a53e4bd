import { DmnModdle } from 'dmn-moddle';
import type { ProblemCode } from '../model/types.js';
import type { DmnProblem } from './types.js';

/** The loose shape of what dmn-moddle returns, limited to what Loket reads. */
export interface DmnText {
  text?: string;
}
export interface DmnReference {
  href?: string;
}
export interface DmnInformationItem {
  id?: string;
  name?: string;
  typeRef?: string;
}
export interface DmnInputClause {
  id?: string;
  label?: string;
  inputExpression?: DmnText & { typeRef?: string };
  inputValues?: DmnText;
}
export interface DmnOutputClause {
  id?: string;
  name?: string;
  label?: string;
  typeRef?: string;
  outputValues?: DmnText;
  defaultOutputEntry?: DmnText;
}
export interface DmnRuleElement {
  id?: string;
  description?: string;
  inputEntry?: DmnText[];
  outputEntry?: DmnText[];
  annotationEntry?: DmnText[];
}
interface DmnExpressionBase {
  id?: string;
  typeRef?: string;
  label?: string;
}
export interface DmnDecisionTable extends DmnExpressionBase {
  $type: 'dmn:DecisionTable';
  hitPolicy?: string;
  aggregation?: string;
  outputLabel?: string;
  input?: DmnInputClause[];
  output?: DmnOutputClause[];
  rule?: DmnRuleElement[];
}
export interface DmnLiteralExpression extends DmnExpressionBase {
  $type: 'dmn:LiteralExpression';
  text?: string;
  expressionLanguage?: string;
}
export interface DmnContext extends DmnExpressionBase {
  $type: 'dmn:Context';
  contextEntry?: { id?: string; variable?: DmnInformationItem; value?: DmnExpression }[];
}
export interface DmnList extends DmnExpressionBase {
  $type: 'dmn:List';
  elements?: DmnExpression[];
}
export interface DmnRelation extends DmnExpressionBase {
  $type: 'dmn:Relation';
  column?: DmnInformationItem[];
  row?: DmnList[];
}
export interface DmnInvocation extends DmnExpressionBase {
  $type: 'dmn:Invocation';
  calledFunction?: DmnExpression;
  binding?: { parameter?: DmnInformationItem; bindingFormula?: DmnExpression }[];
}
export interface DmnFunctionDefinition extends DmnExpressionBase {
  $type: 'dmn:FunctionDefinition';
  kind?: string;
  formalParameter?: DmnInformationItem[];
  body?: DmnExpression;
}
export type DmnExpression = DmnDecisionTable | DmnLiteralExpression | DmnContext | DmnList | DmnRelation | DmnInvocation | DmnFunctionDefinition | (DmnExpressionBase & { $type: string });

export interface DmnDecisionElement {
  $type: 'dmn:Decision';
  id?: string;
  name?: string;
  variable?: DmnInformationItem;
  decisionLogic?: DmnExpression;
  informationRequirement?: { requiredDecision?: DmnReference; requiredInput?: DmnReference }[];
  knowledgeRequirement?: { requiredKnowledge?: DmnReference }[];
}
export interface DmnKnowledgeModelElement {
  $type: 'dmn:BusinessKnowledgeModel';
  id?: string;
  name?: string;
  variable?: DmnInformationItem;
  encapsulatedLogic?: DmnFunctionDefinition;
  knowledgeRequirement?: { requiredKnowledge?: DmnReference }[];
}
export interface DmnDecisionServiceElement {
  $type: 'dmn:DecisionService';
  id?: string;
  name?: string;
  variable?: DmnInformationItem;
  outputDecision?: DmnReference[];
  encapsulatedDecision?: DmnReference[];
  inputDecision?: DmnReference[];
  inputData?: DmnReference[];
}
export interface DmnInputDataElement {
  $type: 'dmn:InputData';
  id?: string;
  name?: string;
  variable?: DmnInformationItem;
}
export interface DmnItemDefinition {
  id?: string;
  name?: string;
  label?: string;
  typeRef?: string;
  isCollection?: boolean;
  allowedValues?: DmnText;
  itemComponent?: DmnItemDefinition[];
  functionItem?: unknown;
}
export type DmnDrgElement =
  | DmnDecisionElement
  | DmnKnowledgeModelElement
  | DmnDecisionServiceElement
  | DmnInputDataElement
  | { $type: string; id?: string; name?: string };
export interface DmnDefinitions {
  id?: string;
  name?: string;
  namespace?: string;
  import?: { name?: string; namespace?: string }[];
  itemDefinition?: DmnItemDefinition[];
  drgElement?: DmnDrgElement[];
}

/** The id an element reference (`href="#id"`) points at. */
export function referencedId(reference: DmnReference | undefined): string {
  const href = reference?.href ?? '';
  return href.slice(href.indexOf('#') + 1);
}

export const DMN13_MODEL = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const DMN13_DMNDI = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';

/**
 * dmn-moddle only knows DMN 1.3. The decision table elements of DMN 1.1 (Camunda 7), 1.2, 1.4 and 1.5
 * are the same, so those namespaces are read as 1.3. The rewrite stays inside attribute values and
 * therefore keeps line numbers intact.
 */
const NAMESPACES_READ_AS_DMN13: [string, string][] = [
  ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', DMN13_MODEL],
  ['http://www.omg.org/spec/DMN/20180521/MODEL/', DMN13_MODEL],
  ['https://www.omg.org/spec/DMN/20211108/MODEL/', DMN13_MODEL],
  ['https://www.omg.org/spec/DMN/20230324/MODEL/', DMN13_MODEL],
  ['http://www.omg.org/spec/DMN/20180521/DMNDI/', DMN13_DMNDI],
  ['https://www.omg.org/spec/DMN/20230324/DMNDI/', DMN13_DMNDI],
];

function readAsDmn13(xml: string): string {
  let result = xml;
  for (const [from, to] of NAMESPACES_READ_AS_DMN13) result = result.split(`"${from}"`).join(`"${to}"`);
  return result;
}

/** moddle puts the position in the message ("line: 3", 0-based); problems count lines from 1. */
function problem(message: string, position: string, coded: ProblemCode): DmnProblem {
  const match = /line: (\d+)/.exec(position);
  return match ? { line: Number(match[1]) + 1, message, ...coded } : { message, ...coded };
}

/** A moddle warning: the file does not follow the DMN schema there. */
function invalid(warning: { message: string }): DmnProblem {
  const detail = firstLine(warning.message);
  return problem(`the DMN XML is not valid: ${detail}`, warning.message, { code: 'dmn-invalid', params: { detail } });
}

function firstLine(message: string): string {
  const nested = /nested error: (.*)/.exec(message);
  const head = message.split('\n')[0] ?? message;
  return nested ? `${head}: ${nested[1]}` : head;
}

export async function parseDmn(xml: string): Promise<{ definitions?: DmnDefinitions; problems: DmnProblem[] }> {
  const problems: DmnProblem[] = [];
  try {
    const result = await new DmnModdle().fromXML(readAsDmn13(xml), 'dmn:Definitions');
    problems.push(...result.warnings.map(invalid));
    return { definitions: result.rootElement as DmnDefinitions, problems };
  } catch (err) {
    const error = err as Error & { warnings?: { message: string }[] };
    if (error.message.startsWith('failed to parse document as')) {
      // The warnings only repeat that the root element is not a DMN definitions element.
      return { problems: [{ line: 1, message: `the file is not a DMN 1.3 document (expected <definitions> in namespace ${DMN13_MODEL})`, code: 'dmn-not-dmn' }] };
    }
    problems.push(...(error.warnings ?? []).map(invalid));
    const detail = firstLine(error.message);
    problems.push(problem(`the DMN XML is not well-formed: ${detail}`, error.message, { code: 'dmn-not-well-formed', params: { detail } }));
    return { problems };
  }
}

/** The 1-based line on which the element with this id starts, found in the original XML text. */
export function lineOfId(xml: string, id: string | undefined): number | undefined {
  if (!id) return undefined;
  const at = xml.search(new RegExp(`\\sid\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`));
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (xml.charCodeAt(i) === 10) line++;
  return line;
}
