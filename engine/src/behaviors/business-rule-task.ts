import { DecisionError, evaluateDecision } from '../decisions/index.js';
import { FeelError, type JsonValue } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/** Evaluates a deployed DMN decision (its result lands in the result variable and in the history, explained); or a job for a worker. */
export const businessRuleTaskBehavior: Behavior<'businessRuleTask'> = {
  activate(run, element, token) {
    if (element.job) return openJob(run, element, token, element.job);
    const source = element.decisionId!;
    const decisionId = source.kind === 'literal' ? source.value : run.evaluate(token, source.expression, 'the decision id');
    if (decisionId instanceof FeelError) return run.raiseIncident(token, decisionId.message, 'activate');
    if (typeof decisionId !== 'string') {
      return run.raiseIncident(token, `the decision id of ${element.id} must be text, not ${JSON.stringify(decisionId)}`, 'activate');
    }
    const decision = run.context.decision(decisionId);
    if (!decision) return run.raiseIncident(token, `decision "${decisionId}" is not deployed`, 'activate');
    let result;
    try {
      result = evaluateDecision(decision, run.variables(token));
    } catch (err) {
      if (err instanceof DecisionError || err instanceof FeelError) return run.raiseIncident(token, err.message, 'activate');
      throw err;
    }
    run.history('decision-evaluated', element, {
      data: {
        decisionId,
        outputs: result.outputs as JsonValue,
        matchedRules: result.matchedRules as unknown as JsonValue,
        explanation: result.explanation,
      },
    });
    run.setVariables(token, { [element.resultVariable!]: result.resultValue });
    run.leave(token);
  },
  complete(run, element, token, variables) {
    completeJob(run, element, token, variables);
  },
  terminate(run, element, token) {
    if (element.job) cancelJob(run, token);
  },
};
