import type { ModelRule } from './rule.js';

export const endEvent: ModelRule = {
  name: 'end-event',
  check({ flowElements, outgoing, report }) {
    for (const end of flowElements.filter((e) => e.$type === 'bpmn:EndEvent')) {
      if (outgoing(end).length > 0) {
        report(end, `end event ${end.id} has outgoing sequence flows`, { code: 'end-with-outgoing' });
      }
    }
  },
};
