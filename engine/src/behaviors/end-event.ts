import { throwError } from '../runtime/throw.js';
import type { Behavior } from './behavior.js';
import { cancelJob, completeJob } from './jobs.js';
import { throwAlong } from './throwing-events.js';

/**
 * Ends a path. A terminate end event first ends everything else in its scope; error and escalation end
 * events throw; a signal end event broadcasts; a message end event hands its message to a job worker.
 */
export const endEventBehavior: Behavior<'endEvent'> = {
  activate(run, element, token) {
    const { event } = element;
    switch (event.type) {
      case 'terminate':
        for (const other of run.children(token.parentScopeId)) if (other !== token) run.terminate(other);
        run.dropArrivals(token.parentScopeId);
        return run.leave(token);
      case 'error':
        run.wait(token);
        return throwError(run, token, event.errorCode!);
      default:
        if (!throwAlong(run, element, token)) throw new Error(`${element.id}: a ${event.type} end event should have been refused at deploy`);
    }
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, element, token) {
    if (element.job) cancelJob(run, token);
  },
};
