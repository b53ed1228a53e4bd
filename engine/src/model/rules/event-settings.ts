import { evaluateExpression, FeelError, isExpression, stripEquals } from '../../expressions/feel.js';
import { checkTimerText } from '../../timers/index.js';
import { timerOf } from '../build-element.js';
import { eventTypeOf, isActivity } from '../element-kinds.js';
import { extension, list, text, type ModdleElement } from '../parse.js';
import { describe, nameOf, type ModelRule, type RuleContext } from './rule.js';
import { isEventSubProcessStart } from './supported-elements.js';

const CATCH_TARGETS_OF_EVENT_GATEWAY = new Set(['timer', 'message', 'signal']);

/** What each event needs to run: a timer its time, a message its name and correlation key, an error its code. */
export const eventSettings: ModelRule = {
  name: 'event-settings',
  check({ flowElements, outgoing, incoming, report }) {
    for (const element of flowElements) {
      const found = eventTypeOf(element);
      if (!('type' in found) || !element.$type.endsWith('Event')) continue;
      const definition = list(element.eventDefinitions)[0];
      const catching = element.$type !== 'bpmn:EndEvent' && element.$type !== 'bpmn:IntermediateThrowEvent';
      const isProcessStart = element.$type === 'bpmn:StartEvent' && !isEventSubProcessStart(element) && element.$parent?.$type === 'bpmn:Process';
      switch (found.type) {
        case 'timer':
          checkTimer(element, definition!, isProcessStart, report);
          break;
        case 'message': {
          const message = definition!.messageRef as ModdleElement | undefined;
          if (!message || !text(message.name)?.trim()) {
            report(element, `${describe(element)} needs a message with a name`, { code: 'message-without-name' });
            break;
          }
          if (isProcessStart && isExpression(text(message.name)!)) {
            report(element, `the message name of start event ${element.id} must be fixed text, not an expression`, { code: 'start-message-expression' });
          }
          if (catching && !isProcessStart && !correlationKeyOf(message, element)) {
            report(element, `${describe(element)} needs a correlation key (zeebe:subscription correlationKey) to know which case a message is for`, { code: 'message-without-correlation' });
          }
          if (!catching && !extension(element, 'zeebe:TaskDefinition')) {
            report(element, `${describe(element)} throws a message: give it a job type (zeebe:taskDefinition) so a worker sends it`, { code: 'message-throw-without-job' });
          }
          break;
        }
        case 'signal': {
          const name = text((definition!.signalRef as ModdleElement | undefined)?.name)?.trim();
          if (!name) report(element, `${describe(element)} needs a signal with a name`, { code: 'signal-without-name' });
          else if (isProcessStart && isExpression(name)) {
            const value = withoutVariables(name);
            if (typeof value !== 'string' || value.trim() === '') {
              report(element, `the signal name of start event ${element.id} ("${name}") must give a text without any variables, as there is no case yet; it gives ${describeValue(value)}`, { code: 'start-signal-variables', params: { name } });
            }
          }
          break;
        }
        case 'error':
          if (!catching && !text((definition!.errorRef as ModdleElement | undefined)?.errorCode)) {
            report(element, `${describe(element)} needs an error with an error code to throw`, { code: 'error-without-code' });
          }
          if (catching && element.$type === 'bpmn:BoundaryEvent' && element.cancelActivity === false) {
            report(element, `${describe(element)}: an error boundary event always interrupts its activity`, { code: 'error-boundary-non-interrupting' });
          }
          if (catching && element.$type === 'bpmn:StartEvent' && element.isInterrupting === false) {
            report(element, `${describe(element)}: an error start event always interrupts`, { code: 'error-start-non-interrupting' });
          }
          break;
        case 'escalation':
          if (!catching && !text((definition!.escalationRef as ModdleElement | undefined)?.escalationCode)) {
            report(element, `${describe(element)} needs an escalation with an escalation code to throw`, { code: 'escalation-without-code' });
          }
          break;
        case 'none':
        case 'terminate':
          break;
      }
      if (element.$type === 'bpmn:BoundaryEvent') checkBoundary(element, incoming, report);
    }
    for (const gateway of flowElements.filter((e) => e.$type === 'bpmn:EventBasedGateway')) {
      const targets = outgoing(gateway).map((flow) => flow.targetRef as ModdleElement);
      if (targets.length < 2) report(gateway, `${describe(gateway)} needs at least two outgoing flows, each to an event that can happen`, { code: 'event-gateway-targets' });
      for (const target of targets) {
        const type = eventTypeOf(target);
        const catches = target.$type === 'bpmn:ReceiveTask' || (target.$type === 'bpmn:IntermediateCatchEvent' && 'type' in type && CATCH_TARGETS_OF_EVENT_GATEWAY.has(type.type));
        if (!catches) report(gateway, `${describe(gateway)} leads to ${describe(target)}; it may only lead to timer, message or signal catch events and receive tasks`, { code: 'event-gateway-target-kind', params: { target: nameOf(target) } });
      }
    }
    for (const task of flowElements.filter((e) => e.$type === 'bpmn:ReceiveTask')) {
      const message = task.messageRef as ModdleElement | undefined;
      if (!message || !text(message.name)?.trim()) report(task, `${describe(task)} needs a message with a name`, { code: 'message-without-name' });
      else if (!correlationKeyOf(message, task)) report(task, `${describe(task)} needs a correlation key (zeebe:subscription correlationKey)`, { code: 'message-without-correlation' });
    }
  },
};

function correlationKeyOf(message: ModdleElement, element: ModdleElement): string | undefined {
  const subscription = extension(message, 'zeebe:Subscription') ?? extension(element, 'zeebe:Subscription');
  return text(subscription?.correlationKey)?.trim() || undefined;
}

function checkTimer(element: ModdleElement, definition: ModdleElement, isProcessStart: boolean, report: RuleContext['report']): void {
  const timer = timerOf(definition);
  const body = timer ? text(timer[1].body)?.trim() : undefined;
  if (!timer || !body) {
    report(element, `${describe(element)} needs a time: a date (timeDate), a duration (timeDuration) or a cycle (timeCycle)`, { code: 'timer-without-time' });
    return;
  }
  if (!isExpression(body)) {
    const problem = checkTimerText(timer[0], body);
    if (problem) report(element, `${describe(element)}: ${problem}`, { code: 'timer-text-invalid', params: { text: body } });
  } else if (isProcessStart) {
    // A process's start timers are scheduled at deploy, before there is a case: its FEEL sees no variables.
    const value = withoutVariables(body);
    const problem = typeof value === 'string' ? checkTimerText(timer[0], value) : `it gives ${describeValue(value)}, not a text`;
    if (problem) {
      report(element, `${describe(element)}: the timer ("${body}") is worked out at deploy, without any variables, as there is no case yet; ${problem}`, {
        code: 'timer-start-expression',
        params: { expression: body },
      });
    }
  }
  if (timer[0] === 'timeCycle' && element.$type === 'bpmn:IntermediateCatchEvent') {
    report(element, `${describe(element)}: a timer catch event waits once; use a date or a duration, not a cycle`, { code: 'timer-catch-cycle' });
  }
  if (timer[0] === 'timeCycle' && element.$type === 'bpmn:BoundaryEvent' && element.cancelActivity !== false) {
    report(element, `${describe(element)}: an interrupting timer fires once; use a date or a duration, or make it non-interrupting`, { code: 'timer-boundary-cycle' });
  }
}

function checkBoundary(element: ModdleElement, incoming: (e: ModdleElement) => ModdleElement[], report: RuleContext['report']): void {
  const host = element.attachedToRef as ModdleElement | undefined;
  if (!host || !isActivity(host.$type)) {
    report(element, `${describe(element)} must be attached to a task, subprocess or call activity`, { code: 'boundary-without-activity' });
  } else if (host.$parent !== element.$parent) {
    report(element, `${describe(element)} must sit in the same flow as the activity it is attached to`, { code: 'boundary-elsewhere' });
  } else if (host.$type === 'bpmn:SubProcess' && host.triggeredByEvent === true) {
    report(element, `${describe(element)} cannot be attached to an event subprocess`, { code: 'boundary-on-event-subprocess' });
  }
  if (incoming(element).length > 0) report(element, `${describe(element)} has incoming sequence flows`, { code: 'boundary-with-incoming' });
  const found = eventTypeOf(element);
  // A called case does not hand its escalations to the caller yet, so a boundary there would never fire.
  if ('type' in found && found.type === 'escalation' && host && host.$type !== 'bpmn:SubProcess') {
    report(element, `${describe(element)}: escalations are caught only on subprocesses (a called process does not pass its escalations to the call activity yet)`, { code: 'escalation-boundary-on-call' });
  }
}

/** The value of a start event's FEEL, which has no case and so no variables; a FeelError when it cannot be evaluated. */
function withoutVariables(expression: string): unknown {
  try {
    return evaluateExpression(stripEquals(expression), {}).value;
  } catch (err) {
    if (err instanceof FeelError) return err;
    throw err;
  }
}

function describeValue(value: unknown): string {
  return value instanceof FeelError ? `an error (${value.message})` : JSON.stringify(value);
}
