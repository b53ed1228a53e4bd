import { BudgetExceeded, mayRunLong, UNLIMITED } from '../expressions/budget.js';
import { evaluateExpression, FeelError } from '../expressions/feel.js';
import type { Execution } from '../runtime/execution.js';
import type { Token } from '../runtime/types.js';

/**
 * A sequence flow's condition, as Zeebe judges it: true or false; anything else (null included, as when
 * a variable does not exist) is a fault of the data or the model, so the gateway gets an incident that
 * says what FEEL found missing, instead of quietly taking another path.
 */
export function evaluateCondition(run: Execution, token: Token, flowId: string): boolean | FeelError {
  const condition = run.model.flows.get(flowId)!.condition!;
  let result;
  const work = () => evaluateExpression(condition, run.variables(token), { now: run.now });
  try {
    result = mayRunLong(condition) ? (run.context.budget ?? UNLIMITED)(work) : work();
  } catch (err) {
    if (err instanceof FeelError || err instanceof BudgetExceeded) {
      return new FeelError(`the condition of sequence flow ${flowId} failed: ${err.message}`, condition);
    }
    throw err;
  }
  if (typeof result.value === 'boolean') return result.value;
  const why = result.warnings.length > 0 ? ` (${[...new Set(result.warnings)].join('; ')})` : '';
  return new FeelError(`the condition of sequence flow ${flowId} ("${condition}") gave ${JSON.stringify(result.value)} instead of true or false${why}`, condition);
}
