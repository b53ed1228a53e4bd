import type { ModdleElement } from './parse.js';
import type { ElementKind, EventType } from './types.js';

/** The moddle type behind each element kind Loket executes (an event subprocess is a bpmn:SubProcess triggered by an event). */
export const MODDLE_TYPE_OF_KIND: { readonly [K in ElementKind]: string } = {
  startEvent: 'bpmn:StartEvent',
  endEvent: 'bpmn:EndEvent',
  intermediateCatchEvent: 'bpmn:IntermediateCatchEvent',
  intermediateThrowEvent: 'bpmn:IntermediateThrowEvent',
  boundaryEvent: 'bpmn:BoundaryEvent',
  task: 'bpmn:Task',
  userTask: 'bpmn:UserTask',
  manualTask: 'bpmn:ManualTask',
  scriptTask: 'bpmn:ScriptTask',
  businessRuleTask: 'bpmn:BusinessRuleTask',
  serviceTask: 'bpmn:ServiceTask',
  sendTask: 'bpmn:SendTask',
  receiveTask: 'bpmn:ReceiveTask',
  exclusiveGateway: 'bpmn:ExclusiveGateway',
  parallelGateway: 'bpmn:ParallelGateway',
  inclusiveGateway: 'bpmn:InclusiveGateway',
  eventBasedGateway: 'bpmn:EventBasedGateway',
  subProcess: 'bpmn:SubProcess',
  eventSubProcess: 'bpmn:SubProcess',
  callActivity: 'bpmn:CallActivity',
};

const KIND_OF_MODDLE_TYPE = new Map<string, ElementKind>(
  Object.entries(MODDLE_TYPE_OF_KIND)
    .filter(([kind]) => kind !== 'eventSubProcess')
    .map(([kind, type]) => [type, kind as ElementKind]),
);

export function kindOf(element: ModdleElement): ElementKind | undefined {
  if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true) return 'eventSubProcess';
  return KIND_OF_MODDLE_TYPE.get(element.$type);
}

/** Flow elements that carry no behaviour and are accepted as they are. */
export const PASSIVE_TYPES: ReadonlySet<string> = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway']);

export function isGateway(moddleType: string): boolean {
  return GATEWAYS.has(moddleType);
}

const ACTIVITIES = new Set([
  'bpmn:Task', 'bpmn:UserTask', 'bpmn:ManualTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:ServiceTask',
  'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity',
]);

export function isActivity(moddleType: string): boolean {
  return ACTIVITIES.has(moddleType);
}

const EVENT_TYPE_OF_DEFINITION: Readonly<Record<string, EventType>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
};

/** The event types each event element kind executes; anything else is refused at deploy. */
export const SUPPORTED_EVENT_TYPES: Readonly<Record<string, readonly EventType[]>> = {
  'bpmn:StartEvent': ['none', 'timer', 'message', 'signal'],
  'bpmn:EndEvent': ['none', 'error', 'escalation', 'terminate', 'message', 'signal'],
  'bpmn:IntermediateCatchEvent': ['timer', 'message', 'signal'],
  'bpmn:IntermediateThrowEvent': ['none', 'message', 'signal', 'escalation'],
  'bpmn:BoundaryEvent': ['timer', 'message', 'signal', 'error', 'escalation'],
};
/** An event subprocess may also start on an error or an escalation. */
export const EVENT_SUBPROCESS_START_TYPES: readonly EventType[] = ['timer', 'message', 'signal', 'error', 'escalation'];

/** The event type of an event element, or the moddle type of a definition Loket does not know (e.g. bpmn:CompensateEventDefinition). */
export function eventTypeOf(element: ModdleElement): { type: EventType } | { unsupported: string } {
  const definitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
  if (definitions.length === 0) return { type: 'none' };
  if (definitions.length > 1) return { unsupported: 'several event definitions (a multiple event)' };
  const type = EVENT_TYPE_OF_DEFINITION[definitions[0]!.$type];
  return type ? { type } : { unsupported: definitions[0]!.$type.replace(/^bpmn:/, '') };
}
