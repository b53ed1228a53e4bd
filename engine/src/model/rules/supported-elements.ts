import { EVENT_SUBPROCESS_START_TYPES, eventTypeOf, kindOf, PASSIVE_TYPES, SUPPORTED_EVENT_TYPES } from '../element-kinds.js';
import type { ModdleElement } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

const REFUSED_WHY: Readonly<Record<string, string>> = {
  'bpmn:Transaction': 'transactions need compensation, which Loket does not execute',
  'bpmn:AdHocSubProcess': 'ad-hoc subprocesses are not supported',
  'bpmn:ComplexGateway': 'complex gateways are not supported; model the join with an inclusive gateway',
};

/** Anything Loket cannot execute is refused by name, never silently skipped. */
export const supportedElements: ModelRule = {
  name: 'supported-elements',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      if (PASSIVE_TYPES.has(element.$type)) continue;
      if (!kindOf(element)) {
        const why = REFUSED_WHY[element.$type];
        report(element, `${describe(element)} is an element kind Loket cannot execute${why ? `: ${why}` : ' yet'}`);
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

function checkEventDefinition(element: ModdleElement, report: (element: ModdleElement, message: string) => void): void {
  const supported = isEventSubProcessStart(element) ? EVENT_SUBPROCESS_START_TYPES : SUPPORTED_EVENT_TYPES[element.$type];
  if (!supported) return;
  const found = eventTypeOf(element);
  if ('unsupported' in found) {
    const what = found.unsupported.replace(/EventDefinition$/, '').toLowerCase();
    report(element, `${describe(element)} is a ${what} event, which Loket cannot execute`);
  } else if (!supported.includes(found.type)) {
    const where = isEventSubProcessStart(element) ? 'the start event of an event subprocess' : describe(element).split(' ')[0];
    report(element, `${describe(element)}: a ${found.type} event cannot be used as ${where === undefined ? 'this event' : where}`);
  }
}

export function isEventSubProcessStart(element: ModdleElement): boolean {
  return element.$type === 'bpmn:StartEvent' && element.$parent?.$type === 'bpmn:SubProcess' && element.$parent.triggeredByEvent === true;
}
