import type { Behavior } from './behavior.js';
import { cancelJob, completeJob } from './jobs.js';
import { throwAlong } from './throwing-events.js';

/** Throws along the way: an escalation, a signal, or a message (sent by a job worker); a none event just passes. */
export const intermediateThrowEventBehavior: Behavior<'intermediateThrowEvent'> = {
  activate(run, element, token) {
    if (!throwAlong(run, element, token)) throw new Error(`${element.id}: a ${element.event.type} throw event should have been refused at deploy`);
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, element, token) {
    if (element.job) cancelJob(run, token);
  },
};
