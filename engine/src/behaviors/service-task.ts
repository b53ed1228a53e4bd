import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/** Work done by a job worker: one built into Loket (loket:mail, loket:http) or a department's own system. */
export const serviceTaskBehavior: Behavior<'serviceTask'> = {
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
