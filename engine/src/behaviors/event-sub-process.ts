import type { Behavior } from './behavior.js';

/** Started only by the event of its start event (runtime/throw.ts, start-event.ts); it has no incoming flows. */
export const eventSubProcessBehavior: Behavior<'eventSubProcess'> = {
  activate(_run, element) {
    throw new Error(`event subprocess ${element.id} cannot be reached by a sequence flow`);
  },
};
