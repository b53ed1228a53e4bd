import { isExpression, stripEquals } from '../expressions/feel.js';
import { eventTypeOf } from './element-kinds.js';
import { DECISION_DATE_PROPERTY, extension, list, text, zeebeProperty, type ModdleElement } from './parse.js';
import type { Deadline, DeadlineDays, ElementKind, EventDefinition, FlowElement, IoMapping, JobDefinition, MultiInstance, ValueSource } from './types.js';

export interface Placement {
  incoming: string[];
  outgoing: string[];
  containerId: string | null;
  boundaryEventIds: string[];
  laneDepartment: string | undefined;
}

/** One validated moddle element → its compiled form. Validation has run, so required settings are present. */
export function buildElement(kind: ElementKind, element: ModdleElement, placement: Placement): FlowElement {
  const io = extension(element, 'zeebe:IoMapping');
  const publicLabel = text(element.publicLabel);
  const notificationTemplate = text(element.notification)?.trim();
  const citizenAction = text(element.citizenAction)?.trim();
  const multiInstance = multiInstanceOf(element);
  const { laneDepartment, ...connected } = placement;
  const base = {
    id: element.id!,
    name: element.name ?? element.id!,
    ...connected,
    inputs: mappings(io?.inputParameters),
    outputs: mappings(io?.outputParameters),
    ...(multiInstance ? { multiInstance } : {}),
    ...(laneDepartment ? { laneDepartment } : {}),
    ...(publicLabel ? { publicLabel } : {}),
    ...(notificationTemplate ? { notification: { template: notificationTemplate, subject: text(element.notificationSubject)?.trim() ?? '' } } : {}),
    ...(citizenAction ? { citizenAction } : {}),
  };
  const job = jobOf(element);
  const jobField = job ? { job } : {};
  switch (kind) {
    case 'userTask': {
      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      const schedule = extension(element, 'zeebe:TaskSchedule');
      const formKey = text(extension(element, 'zeebe:FormDefinition')?.formId);
      return {
        ...base,
        kind,
        assignment: {
          ...valueSourceOf('candidateGroups', assignment?.candidateGroups),
          ...valueSourceOf('candidateUsers', assignment?.candidateUsers),
          ...valueSourceOf('assignee', assignment?.assignee),
          ...valueSourceOf('dueDate', schedule?.dueDate),
          ...deadlineOf(element),
        },
        ...(formKey ? { formKey } : {}),
      };
    }
    case 'scriptTask': {
      const script = extension(element, 'zeebe:Script');
      if (!script) return { ...base, kind, ...jobField };
      return { ...base, kind, expression: stripEquals(text(script.expression)!), resultVariable: text(script.resultVariable)! };
    }
    case 'businessRuleTask': {
      const decision = extension(element, 'zeebe:CalledDecision');
      if (!decision) return { ...base, kind, ...jobField };
      return {
        ...base,
        kind,
        decisionId: valueSource(text(decision.decisionId)!),
        resultVariable: text(decision.resultVariable)!,
        ...valueSourceOf('decisionDate', zeebeProperty(element, DECISION_DATE_PROPERTY)),
      };
    }
    case 'serviceTask':
    case 'sendTask':
      return { ...base, kind, job: job! };
    case 'receiveTask':
      return { ...base, kind, event: messageOf(element.messageRef as ModdleElement | undefined, element) };
    case 'exclusiveGateway':
    case 'inclusiveGateway': {
      const defaultFlow = (element.default as ModdleElement | undefined)?.id;
      const common = { ...base, ...(defaultFlow ? { defaultFlow } : {}) };
      return kind === 'exclusiveGateway' ? { ...common, kind } : { ...common, kind, reachableFrom: new Set<string>() };
    }
    case 'startEvent': {
      const formKey = text(extension(element, 'zeebe:FormDefinition')?.formId);
      return { ...base, kind, event: eventOf(element), interrupting: element.isInterrupting !== false, ...(formKey ? { formKey } : {}) };
    }
    case 'endEvent':
    case 'intermediateThrowEvent':
      return { ...base, kind, event: eventOf(element), ...jobField };
    case 'intermediateCatchEvent':
      return { ...base, kind, event: eventOf(element) };
    case 'boundaryEvent':
      return {
        ...base,
        kind,
        event: eventOf(element),
        attachedToId: (element.attachedToRef as ModdleElement).id!,
        interrupting: element.cancelActivity !== false,
      };
    case 'subProcess':
    case 'eventSubProcess': {
      const children = list(element.flowElements);
      const starts = children.filter((child) => child.$type === 'bpmn:StartEvent');
      return {
        ...base,
        kind,
        startEventId: starts[0]!.id!,
        eventSubProcessIds: children.filter((child) => child.$type === 'bpmn:SubProcess' && child.triggeredByEvent === true).map((c) => c.id!),
      };
    }
    case 'callActivity': {
      const called = extension(element, 'zeebe:CalledElement')!;
      return {
        ...base,
        kind,
        processId: valueSource(text(called.processId)!),
        propagateAllChildVariables: called.propagateAllChildVariables !== false,
        propagateAllParentVariables: called.propagateAllParentVariables !== false,
      };
    }
    case 'task':
    case 'manualTask':
    case 'parallelGateway':
    case 'eventBasedGateway':
      return { ...base, kind };
  }
}

/** The event definition of an event element; validation has refused the kinds this cannot express. */
export function eventOf(element: ModdleElement): EventDefinition {
  const found = eventTypeOf(element);
  if (!('type' in found)) throw new Error(`${element.id}: ${found.unsupported} should have been refused at deploy`);
  const definition = list(element.eventDefinitions)[0]!;
  switch (found.type) {
    case 'none':
      return { type: 'none' };
    case 'terminate':
      return { type: 'terminate' };
    case 'timer': {
      const [timerKind, expression] = timerOf(definition)!;
      return { type: 'timer', timerKind, source: valueSource(text(expression.body)!.trim()) };
    }
    case 'message':
      return messageOf(definition.messageRef as ModdleElement | undefined, element);
    case 'signal':
      return { type: 'signal', signalName: valueSource(text((definition.signalRef as ModdleElement).name)!) };
    case 'error': {
      const code = text((definition.errorRef as ModdleElement | undefined)?.errorCode);
      return { type: 'error', ...(code ? { errorCode: code } : {}) };
    }
    case 'escalation': {
      const code = text((definition.escalationRef as ModdleElement | undefined)?.escalationCode);
      return { type: 'escalation', ...(code ? { escalationCode: code } : {}) };
    }
  }
}

export function timerOf(definition: ModdleElement): ['timeDate' | 'timeDuration' | 'timeCycle', ModdleElement] | undefined {
  for (const kind of ['timeDate', 'timeDuration', 'timeCycle'] as const) {
    const expression = definition[kind] as ModdleElement | undefined;
    if (expression) return [kind, expression];
  }
  return undefined;
}

/** A message reference → name and correlation key (zeebe:subscription on the message, or on the element in older models). */
function messageOf(message: ModdleElement | undefined, element: ModdleElement): Extract<EventDefinition, { type: 'message' }> {
  const subscription = (message && extension(message, 'zeebe:Subscription')) ?? extension(element, 'zeebe:Subscription');
  const key = text(subscription?.correlationKey);
  return { type: 'message', messageName: valueSource(text(message!.name)!), ...(key ? { correlationKey: stripEquals(key) } : {}) };
}

function jobOf(element: ModdleElement): JobDefinition | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  if (!definition) return undefined;
  const headers: Record<string, string> = {};
  for (const header of list(extension(element, 'zeebe:TaskHeaders')?.values)) {
    const key = text(header.key);
    if (key) headers[key] = text(header.value) ?? '';
  }
  return { type: valueSource(text(definition.type)!), retries: valueSource(text(definition.retries) ?? '3'), headers };
}

function multiInstanceOf(element: ModdleElement): MultiInstance | undefined {
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics')!;
  const condition = text((loop.completionCondition as ModdleElement | undefined)?.body);
  const optional = (key: keyof MultiInstance, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    sequential: loop.isSequential === true,
    inputCollection: stripEquals(text(zeebe.inputCollection)!),
    ...optional('inputElement', text(zeebe.inputElement)),
    ...optional('outputCollection', text(zeebe.outputCollection)),
    ...optional('outputElement', text(zeebe.outputElement) ? stripEquals(text(zeebe.outputElement)!) : undefined),
    ...optional('completionCondition', condition ? stripEquals(condition) : undefined),
  };
}

function mappings(parameters: unknown): IoMapping[] {
  return list(parameters).map((p) => ({ source: stripEquals(text(p.source) ?? 'null'), target: text(p.target)! }));
}

export function valueSource(raw: string): ValueSource {
  return isExpression(raw) ? { kind: 'feel', expression: stripEquals(raw) } : { kind: 'literal', value: raw };
}

function valueSourceOf<K extends string>(key: K, raw: unknown): { [P in K]?: ValueSource } {
  const value = text(raw);
  return (value && value.trim() !== '' ? { [key]: valueSource(value) } : {}) as { [P in K]?: ValueSource };
}

/** loket:deadline (whole days) and loket:deadlineDays; the rule "deadline" has checked both. */
function deadlineOf(element: ModdleElement): { deadline?: Deadline } {
  const days = text(element.deadline)?.trim();
  if (!days) return {};
  return { deadline: { days: Number(days), counted: (text(element.deadlineDays)?.trim() || 'calendar') as DeadlineDays } };
}
