import type { Behavior } from './behavior.js';

/** An undefined task does nothing and passes on, as in Zeebe. */
export const taskBehavior: Behavior<'task'> = {
  activate(run, _element, token) {
    run.leave(token);
  },
};
