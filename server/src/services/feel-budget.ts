import { createContext, Script } from 'node:vm';
import { BudgetExceeded, type Budget } from '../../../engine/src/index.js';

const sandbox = createContext({});
const call = new Script('work()');

/**
 * A time budget for the engine's evaluations: node:vm's timeout stops whatever JavaScript runs on this
 * thread, feelin's loops included, and the engine turns the stop into an incident. A budget inside a budget
 * (a decision in a step) keeps the inner, shorter limit.
 */
export function timeBudget(limitMs: number): Budget {
  return <T>(work: () => T): T => {
    const previous = sandbox.work;
    sandbox.work = work;
    try {
      return call.runInContext(sandbox, { timeout: limitMs }) as T;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BudgetExceeded(limitMs);
      throw err;
    } finally {
      sandbox.work = previous;
    }
  };
}

/** LOKET_FEEL_BUDGET_MS, default 1000: how long one decision or looping expression may take. */
export function budgetFromEnvironment(): Budget {
  const limit = Number(process.env.LOKET_FEEL_BUDGET_MS ?? 1000);
  return timeBudget(Number.isFinite(limit) && limit > 0 ? limit : 1000);
}
