import type { Behavior } from './behavior.js';

/** A none start event: the case begins and moves straight on. */
export const startEventBehavior: Behavior<'startEvent'> = {
  activate(run, _element, token) {
    run.leave(token);
  },
};
