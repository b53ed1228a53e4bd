import { eventTypeOf } from '../element-kinds.js';
import { list, type ModdleElement } from '../parse.js';
import { describe, type ModelRule, type RuleContext } from './rule.js';
import { isEventSubProcessStart } from './supported-elements.js';

/** Each flow starts somewhere: a process at one or more start events, a subprocess at exactly one none start event. */
export const startEvent: ModelRule = {
  name: 'start-event',
  check({ process, flowElements, incoming, report }) {
    checkContainer(process, report);
    for (const sub of flowElements.filter((e) => e.$type === 'bpmn:SubProcess')) checkContainer(sub, report);
    for (const start of flowElements.filter((e) => e.$type === 'bpmn:StartEvent')) {
      if (incoming(start).length > 0) report(start, `start event ${start.id} has incoming sequence flows`, { code: 'start-with-incoming' });
    }
  },
};

function checkContainer(container: ModdleElement, report: RuleContext['report']): void {
  const starts = list(container.flowElements).filter((e) => e.$type === 'bpmn:StartEvent');
  const noneStarts = starts.filter((start) => isNone(start) && !isEventSubProcessStart(start));
  if (container.$type === 'bpmn:Process') {
    if (starts.length === 0) report(container, `process ${container.id} has no start event`, { code: 'process-without-start' });
    if (noneStarts.length > 1) report(noneStarts[1]!, `process ${container.id} has more than one start event without a trigger`, { code: 'second-plain-start' });
    return;
  }
  if (container.triggeredByEvent === true) {
    if (starts.length !== 1) report(container, `${describe(container)} is an event subprocess and needs exactly one start event`, { code: 'event-subprocess-starts' });
    else if (isNone(starts[0]!)) {
      report(starts[0]!, `the start event of event subprocess ${container.id} needs a trigger (timer, message, signal, error or escalation)`, { code: 'event-subprocess-start-trigger' });
    }
    return;
  }
  if (starts.length !== 1 || noneStarts.length !== 1) {
    report(container, `${describe(container)} needs exactly one start event, without a trigger`, { code: 'subprocess-starts' });
  }
}

function isNone(event: ModdleElement): boolean {
  const found = eventTypeOf(event);
  return 'type' in found && found.type === 'none';
}
