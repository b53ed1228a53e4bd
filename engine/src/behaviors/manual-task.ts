import type { Behavior } from './behavior.js';

/** Work done outside any system: as in Zeebe, the engine passes through it. */
export const manualTaskBehavior: Behavior<'manualTask'> = {
  activate(run, _element, token) {
    run.leave(token);
  },
};
