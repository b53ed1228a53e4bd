import { FeelError } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/** A zeebe:script task: one FEEL expression whose value becomes the result variable; or a job for a worker. */
export const scriptTaskBehavior: Behavior<'scriptTask'> = {
  activate(run, element, token) {
    if (element.job) return openJob(run, element, token, element.job);
    const value = run.evaluate(token, element.expression!, 'the script');
    if (value instanceof FeelError) return run.raiseIncident(token, value.message, 'activate');
    run.setVariables(token, { [element.resultVariable!]: value });
    run.leave(token);
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, element, token) {
    if (element.job) cancelJob(run, token);
  },
};
