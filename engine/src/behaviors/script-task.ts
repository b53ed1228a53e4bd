import { FeelError } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';

/** A zeebe:script task: one FEEL expression whose value becomes the result variable. */
export const scriptTaskBehavior: Behavior<'scriptTask'> = {
  activate(run, element, token) {
    const value = run.evaluate(token, element.expression, 'the script');
    if (value instanceof FeelError) return run.raiseIncident(token, value.message, 'activate');
    run.setVariables(token, { [element.resultVariable]: value });
    run.leave(token);
  },
};
