import type { ElementKind } from './types.js';

/** The moddle type behind each element kind Loket executes. */
export const MODDLE_TYPE_OF_KIND: { readonly [K in ElementKind]: string } = {
  startEvent: 'bpmn:StartEvent',
  endEvent: 'bpmn:EndEvent',
  userTask: 'bpmn:UserTask',
  manualTask: 'bpmn:ManualTask',
  scriptTask: 'bpmn:ScriptTask',
  businessRuleTask: 'bpmn:BusinessRuleTask',
  exclusiveGateway: 'bpmn:ExclusiveGateway',
  parallelGateway: 'bpmn:ParallelGateway',
};

const KIND_OF_MODDLE_TYPE = new Map<string, ElementKind>(
  Object.entries(MODDLE_TYPE_OF_KIND).map(([kind, type]) => [type, kind as ElementKind]),
);

export function kindOf(moddleType: string): ElementKind | undefined {
  return KIND_OF_MODDLE_TYPE.get(moddleType);
}

/** Flow elements that carry no behaviour and are accepted as they are. */
export const PASSIVE_TYPES: ReadonlySet<string> = new Set([
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

export function isGateway(moddleType: string): boolean {
  return moddleType === 'bpmn:ExclusiveGateway' || moddleType === 'bpmn:ParallelGateway';
}
