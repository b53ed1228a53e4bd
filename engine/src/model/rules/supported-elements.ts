import { EVENT_SUBPROCESS_START_TYPES, eventTypeOf, kindOf, PASSIVE_TYPES, SUPPORTED_EVENT_TYPES } from '../element-kinds.js';
import type { ModdleElement } from '../parse.js';
import { describe, type ModelRule, type RuleContext } from './rule.js';

const REFUSED_WHY: Readonly<Record<string, { why: string; code: string }>> = {
  'bpmn:Transaction': { why: 'transactions need compensation, which Loket does not execute', code: 'transaction-unsupported' },
  'bpmn:AdHocSubProcess': { why: 'ad-hoc subprocesses are not supported', code: 'ad-hoc-subprocess-unsupported' },
  'bpmn:ComplexGateway': { why: 'complex gateways are not supported; model the join with an inclusive gateway', code: 'complex-gateway-unsupported' },
};

/** Anything Loket cannot execute is refused by name, never silently skipped. */
export const supportedElements: ModelRule = {
  name: 'supported-elements',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      if (PASSIVE_TYPES.has(element.$type)) continue;
      if (!kindOf(element)) {
        const refused = REFUSED_WHY[element.$type];
        const kind = element.$type.replace(/^\w+:/, '');
        report(
          element,
          `${describe(element)} is an element kind Loket cannot execute${refused ? `: ${refused.why}` : ' yet'}`,
          refused ? { code: refused.code } : { code: 'element-unsupported', params: { kind } },
        );
        continue;
      }
      checkEventDefinition(element, report);
      if (element.isForCompensation === true) {
        report(element, `${describe(element)} is a compensation handler; Loket does not execute compensation`, { code: 'compensation-unsupported' });
      }
      const loop = element.loopCharacteristics as ModdleElement | undefined;
      if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
        report(element, `${describe(element)} is a standard loop, which Loket cannot execute; use a multi-instance marker or a gateway loop`, { code: 'standard-loop-unsupported' });
      }
    }
  },
};

function checkEventDefinition(element: ModdleElement, report: RuleContext['report']): void {
  const supported = isEventSubProcessStart(element) ? EVENT_SUBPROCESS_START_TYPES : SUPPORTED_EVENT_TYPES[element.$type];
  if (!supported) return;
  const found = eventTypeOf(element);
  if ('unsupported' in found) {
    const what = found.unsupported.replace(/EventDefinition$/, '').toLowerCase();
    report(element, `${describe(element)} is a ${what} event, which Loket cannot execute`, { code: 'event-kind-unsupported', params: { kind: what } });
  } else if (!supported.includes(found.type)) {
    const where = isEventSubProcessStart(element) ? 'the start event of an event subprocess' : describe(element).split(' ')[0];
    report(element, `${describe(element)}: a ${found.type} event cannot be used as ${where === undefined ? 'this event' : where}`, {
      code: 'event-kind-misplaced',
      params: { kind: found.type },
    });
  }
}

export function isEventSubProcessStart(element: ModdleElement): boolean {
  return element.$type === 'bpmn:StartEvent' && element.$parent?.$type === 'bpmn:SubProcess' && element.$parent.triggeredByEvent === true;
}
