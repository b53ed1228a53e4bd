import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/** Work done by a job worker: one built into Loket (loket:mail, loket:http) or a department's own system. */
function jobTask<K extends 'serviceTask' | 'sendTask'>(): Behavior<K> {
  return {
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
}

export const serviceTaskBehavior = jobTask<'serviceTask'>();
/** A send task sends its message through a job worker, exactly as a service task does its work (as in Zeebe). */
export const sendTaskBehavior = jobTask<'sendTask'>();
