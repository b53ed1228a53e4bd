import type { TimerDefinitionKind } from '../timers/index.js';

/** The BPMN element kinds Loket executes. Adding one means one behaviour module and one registry line. */
export const ELEMENT_KINDS = [
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'task',
  'userTask',
  'manualTask',
  'scriptTask',
  'businessRuleTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'subProcess',
  'eventSubProcess',
  'callActivity',
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
  /** loket:deadline: due so many days after the task opens, unless dueDate says otherwise. */
  deadline?: Deadline;
}

/** Days counted as the calendar counts them, or only Monday to Friday (in Brussels). */
export type DeadlineDays = 'calendar' | 'working';
export const DEADLINE_DAYS: readonly DeadlineDays[] = ['calendar', 'working'];

export interface Deadline {
  days: number;
  counted: DeadlineDays;
}

/** What an event waits for or throws. */
export type EventDefinition =
  | { type: 'none' }
  | { type: 'timer'; timerKind: TimerDefinitionKind; source: ValueSource }
  | { type: 'message'; messageName: ValueSource; correlationKey?: string }
  | { type: 'signal'; signalName: ValueSource }
  /** Catching: no code catches every error. Throwing: the code to throw. */
  | { type: 'error'; errorCode?: string }
  | { type: 'escalation'; escalationCode?: string }
  | { type: 'terminate' };
export type EventType = EventDefinition['type'];

/** zeebe:taskDefinition: the work a job worker does for a service task, send task or throwing message event. */
export interface JobDefinition {
  type: ValueSource;
  retries: ValueSource;
  headers: Readonly<Record<string, string>>;
}

/** zeebe:loopCharacteristics. Expressions are FEEL without '='. */
export interface MultiInstance {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

interface ElementBase<K extends ElementKind> {
  kind: K;
  id: string;
  name: string;
  incoming: readonly string[];
  outgoing: readonly string[];
  inputs: readonly IoMapping[];
  outputs: readonly IoMapping[];
  /** The subprocess (embedded or event) the element sits in; null at process level. */
  containerId: string | null;
  /** Boundary events attached to this element (activities only; empty otherwise). */
  boundaryEventIds: readonly string[];
  multiInstance?: MultiInstance;
  /** Department of the lane the element sits in, if any. */
  laneDepartment?: string;
  /** The step's label for citizens (loket:publicLabel), if the process owner wrote one. */
  publicLabel?: string;
  /** The mail the requester gets when a case reaches this step (loket:notification, loket:notificationSubject). */
  notification?: Notification;
  /**
   * loket:citizenAction, on a step that waits for a message: the words of a button on the citizen's status page
   * that delivers that message to this case ("De lamp brandt nog altijd niet").
   */
  citizenAction?: string;
}

/** A deployed Handlebars template (`*.hbs`) and the subject line (itself a template), rendered with the case's variables. */
export interface Notification {
  template: string;
  subject: string;
}

/** Elements that contain a flow of their own: they hold their start event and event subprocesses. */
interface ContainerFields {
  startEventId: string;
  eventSubProcessIds: readonly string[];
}

export interface StartEventElement extends ElementBase<'startEvent'> {
  event: EventDefinition;
  /** For the start event of an event subprocess: whether it interrupts its scope. */
  interrupting: boolean;
  /** The form whose answers start the case (zeebe:formDefinition on the start event). */
  formKey?: string;
}
export interface EndEventElement extends ElementBase<'endEvent'> {
  event: EventDefinition;
  job?: JobDefinition;
}
export interface IntermediateCatchEventElement extends ElementBase<'intermediateCatchEvent'> {
  event: EventDefinition;
}
export interface IntermediateThrowEventElement extends ElementBase<'intermediateThrowEvent'> {
  event: EventDefinition;
  job?: JobDefinition;
}
export interface BoundaryEventElement extends ElementBase<'boundaryEvent'> {
  event: EventDefinition;
  attachedToId: string;
  interrupting: boolean;
}
export interface TaskElement extends ElementBase<'task'> {}
export interface ManualTaskElement extends ElementBase<'manualTask'> {}
export interface UserTaskElement extends ElementBase<'userTask'> {
  assignment: Assignment;
  formKey?: string;
}
export interface ScriptTaskElement extends ElementBase<'scriptTask'> {
  /** A FEEL script; absent when a job worker runs the script (`job`). */
  expression?: string;
  resultVariable?: string;
  job?: JobDefinition;
}
export interface BusinessRuleTaskElement extends ElementBase<'businessRuleTask'> {
  decisionId?: ValueSource;
  /** The date that chooses the decision version in force (zeebe:property loket:decisionDate); else the case's start. */
  decisionDate?: ValueSource;
  resultVariable?: string;
  job?: JobDefinition;
}
export interface ServiceTaskElement extends ElementBase<'serviceTask'> {
  job: JobDefinition;
}
export interface SendTaskElement extends ElementBase<'sendTask'> {
  job: JobDefinition;
}
export interface ReceiveTaskElement extends ElementBase<'receiveTask'> {
  event: Extract<EventDefinition, { type: 'message' }>;
}
export interface ExclusiveGatewayElement extends ElementBase<'exclusiveGateway'> {
  defaultFlow?: string;
}
export interface ParallelGatewayElement extends ElementBase<'parallelGateway'> {}
export interface InclusiveGatewayElement extends ElementBase<'inclusiveGateway'> {
  defaultFlow?: string;
  /** Elements of the same flow from which a token can still reach this gateway (for the join). */
  reachableFrom: ReadonlySet<string>;
}
export interface EventBasedGatewayElement extends ElementBase<'eventBasedGateway'> {}
export interface SubProcessElement extends ElementBase<'subProcess'>, ContainerFields {}
export interface EventSubProcessElement extends ElementBase<'eventSubProcess'>, ContainerFields {}
export interface CallActivityElement extends ElementBase<'callActivity'> {
  processId: ValueSource;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

export interface ElementByKind {
  startEvent: StartEventElement;
  endEvent: EndEventElement;
  intermediateCatchEvent: IntermediateCatchEventElement;
  intermediateThrowEvent: IntermediateThrowEventElement;
  boundaryEvent: BoundaryEventElement;
  task: TaskElement;
  userTask: UserTaskElement;
  manualTask: ManualTaskElement;
  scriptTask: ScriptTaskElement;
  businessRuleTask: BusinessRuleTaskElement;
  serviceTask: ServiceTaskElement;
  sendTask: SendTaskElement;
  receiveTask: ReceiveTaskElement;
  exclusiveGateway: ExclusiveGatewayElement;
  parallelGateway: ParallelGatewayElement;
  inclusiveGateway: InclusiveGatewayElement;
  eventBasedGateway: EventBasedGatewayElement;
  subProcess: SubProcessElement;
  eventSubProcess: EventSubProcessElement;
  callActivity: CallActivityElement;
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
  /** Every flow element, those inside subprocesses included. */
  elements: ReadonlyMap<string, FlowElement>;
  flows: ReadonlyMap<string, SequenceFlow>;
  /** The process-level start events (none, timer, message, signal); event subprocess starts are not among them. */
  startEventIds: readonly string[];
  /** The event subprocesses directly in the process. */
  eventSubProcessIds: readonly string[];
  /** Decision ids referenced by static business rule tasks, checked at deploy. */
  referencedDecisions: readonly string[];
  /** Form keys referenced by user tasks. */
  referencedForms: readonly string[];
}

/** A problem found in a model at deploy time, named by element id and, where known, line. */
export interface ModelProblem {
  elementId?: string;
  line?: number;
  /** In English, naming the element: what the API says. */
  message: string;
  /** Which problem it is, with its particulars: what the modeler says in the process owner's language. */
  code?: string;
  params?: Record<string, string>;
}

/** A problem's code and particulars, beside its English message (see ModelProblem). */
export interface ProblemCode {
  code: string;
  params?: Record<string, string>;
}
