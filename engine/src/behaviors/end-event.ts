import type { Behavior } from './behavior.js';

/** A none end event consumes its token; the case ends when no token is left anywhere. */
export const endEventBehavior: Behavior<'endEvent'> = {
  activate(run, _element, token) {
    run.leave(token);
  },
};
