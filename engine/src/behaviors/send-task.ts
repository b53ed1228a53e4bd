import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/** Sends a message through a job worker, as in Zeebe. */
export const sendTaskBehavior: Behavior<'sendTask'> = {
  activate(run, element, token) {
    openJob(run, element, token, element.job);
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, _element, token) {
    cancelJob(run, token);
  },
};
