import type { ModelRule } from './rule.js';

export const startEvent: ModelRule = {
  name: 'start-event',
  check({ process, flowElements, incoming, report }) {
    const starts = flowElements.filter((e) => e.$type === 'bpmn:StartEvent');
    if (starts.length === 0) report(process, `process ${process.id} has no start event`);
    for (const start of starts) {
      if (incoming(start).length > 0) {
        report(start, `start event ${start.id} has incoming sequence flows`);
      }
    }
  },
};
