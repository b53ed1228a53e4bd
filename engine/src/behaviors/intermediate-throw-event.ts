import { throwEscalation } from '../runtime/throw.js';
import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';
import { throwSignal } from './signals.js';

/** Throws along the way: an escalation, a signal, or a message (sent by a job worker); a none event just passes. */
export const intermediateThrowEventBehavior: Behavior<'intermediateThrowEvent'> = {
  activate(run, element, token) {
    const { event } = element;
    switch (event.type) {
      case 'escalation':
        run.wait(token);
        throwEscalation(run, token, event.escalationCode!);
        if (run.isAlive(token)) run.leave(token);
        return;
      case 'signal':
        if (!throwSignal(run, element, token, event)) return;
        return run.leave(token);
      case 'message':
        return openJob(run, element, token, element.job!);
      default:
        return run.leave(token);
    }
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, element, token) {
    if (element.job) cancelJob(run, token);
  },
};
