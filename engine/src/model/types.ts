/** The BPMN element kinds Loket executes. Adding one means one behaviour module and one registry line. */
export const ELEMENT_KINDS = [
  'startEvent',
  'endEvent',
  'userTask',
  'manualTask',
  'scriptTask',
  'businessRuleTask',
  'exclusiveGateway',
  'parallelGateway',
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

/** A text that is either a literal or (with a leading '=' in the XML) a FEEL expression. */
export type ValueSource = { kind: 'literal'; value: string } | { kind: 'feel'; expression: string };

export interface IoMapping {
  /** FEEL expression (without '='). */
  source: string;
  target: string;
}

export interface Assignment {
  candidateGroups?: ValueSource;
  candidateUsers?: ValueSource;
  assignee?: ValueSource;
  dueDate?: ValueSource;
}

interface ElementBase<K extends ElementKind> {
  kind: K;
  id: string;
  name: string;
  incoming: readonly string[];
  outgoing: readonly string[];
  inputs: readonly IoMapping[];
  outputs: readonly IoMapping[];
  /** Department of the lane the element sits in, if any. */
  laneDepartment?: string;
  /** The step's label for citizens (loket:publicLabel), if the process owner wrote one. */
  publicLabel?: string;
}

export interface StartEventElement extends ElementBase<'startEvent'> {
  /** The form whose answers start the case (zeebe:formDefinition on the start event). */
  formKey?: string;
}
export interface EndEventElement extends ElementBase<'endEvent'> {}
export interface ManualTaskElement extends ElementBase<'manualTask'> {}
export interface UserTaskElement extends ElementBase<'userTask'> {
  assignment: Assignment;
  formKey?: string;
}
export interface ScriptTaskElement extends ElementBase<'scriptTask'> {
  expression: string;
  resultVariable: string;
}
export interface BusinessRuleTaskElement extends ElementBase<'businessRuleTask'> {
  decisionId: ValueSource;
  resultVariable: string;
}
export interface ExclusiveGatewayElement extends ElementBase<'exclusiveGateway'> {
  defaultFlow?: string;
}
export interface ParallelGatewayElement extends ElementBase<'parallelGateway'> {}

export interface ElementByKind {
  startEvent: StartEventElement;
  endEvent: EndEventElement;
  userTask: UserTaskElement;
  manualTask: ManualTaskElement;
  scriptTask: ScriptTaskElement;
  businessRuleTask: BusinessRuleTaskElement;
  exclusiveGateway: ExclusiveGatewayElement;
  parallelGateway: ParallelGatewayElement;
}
export type FlowElement = ElementByKind[ElementKind];

export interface SequenceFlow {
  id: string;
  name: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition without the leading '='. */
  condition?: string;
}

/** A compiled, validated, immutable process: what the engine runs. */
export interface ProcessModel {
  key: string;
  name: string;
  elements: ReadonlyMap<string, FlowElement>;
  flows: ReadonlyMap<string, SequenceFlow>;
  startEventIds: readonly string[];
  /** Decision ids referenced by static business rule tasks, checked at deploy. */
  referencedDecisions: readonly string[];
  /** Form keys referenced by user tasks. */
  referencedForms: readonly string[];
}

/** A problem found in a model at deploy time, named by element id and, where known, line. */
export interface ModelProblem {
  elementId?: string;
  line?: number;
  message: string;
}
