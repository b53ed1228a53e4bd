import { DecisionError, evaluateDecision, evaluationRecord, momentOf } from '../decisions/index.js';
import { BudgetExceeded, UNLIMITED } from '../expressions/budget.js';
import { FeelError, type JsonValue } from '../expressions/feel.js';
import type { BusinessRuleTaskElement } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import type { Token } from '../runtime/types.js';
import type { Behavior } from './behavior.js';
import { cancelJob, completeJob, openJob } from './jobs.js';

/**
 * The moment that chooses the decision version: the task's decision date (loket:decisionDate, e.g. the date
 * the application was received), else when the case started. A text, or why it cannot be one.
 */
function decisionMoment(run: Execution, element: BusinessRuleTaskElement, token: Token): { at: string } | { problem: string } {
  const source = element.decisionDate;
  if (!source) return { at: run.state.startedAt ?? run.now };
  const value = source.kind === 'literal' ? source.value : run.evaluate(token, source.expression, 'the decision date');
  if (value instanceof FeelError) return { problem: value.message };
  const moment = momentOf(value);
  return 'at' in moment ? moment : { problem: `the decision date of ${element.id}: ${moment.problem}` };
}

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
    const moment = decisionMoment(run, element, token);
    if ('problem' in moment) return run.raiseIncident(token, moment.problem, 'activate');
    const inForce = run.context.decision(decisionId, moment.at);
    if (!inForce) return run.raiseIncident(token, `decision "${decisionId}" is not deployed (no version of it is in force on ${moment.at})`, 'activate');
    let result;
    try {
      result = (run.context.budget ?? UNLIMITED)(() => evaluateDecision(inForce.decision, run.variables(token)));
    } catch (err) {
      if (err instanceof DecisionError || err instanceof FeelError) return run.raiseIncident(token, err.message, 'activate');
      if (err instanceof BudgetExceeded) return run.raiseIncident(token, `Beslissing „${decisionId}”: ${err.message}`, 'activate');
      throw err;
    }
    run.history('decision-evaluated', element, {
      data: {
        decisionId,
        decisionVersion: inForce.version,
        ...(inForce.validFrom ? { validFrom: inForce.validFrom } : {}),
        decidedAt: moment.at,
        outputs: result.outputs as JsonValue,
        matchedRules: result.matchedRules as unknown as JsonValue,
        evaluations: evaluationRecord(result.evaluations),
        explanation: result.explanation,
        summary: result.summary,
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
