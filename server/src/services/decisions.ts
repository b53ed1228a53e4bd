import type { DataSource } from 'typeorm';
import { BudgetExceeded, DecisionError, evaluateDecision, evaluationRecord, FeelError, momentOf, UNLIMITED, type Budget, type Variables } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { allDecisionVersions, latestDecisionVersions, type DecisionDefinitionRow } from '../persistence/repositories/definitions.js';
import type { Catalog } from './catalog.js';

function summary({ id, key, version, name, valid_from }: DecisionDefinitionRow) {
  return { id, key, version, name, validFrom: valid_from ? new Date(valid_from).toISOString() : null };
}

export class DecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
    private readonly clock: () => Date = () => new Date(),
    private readonly budget: Budget = UNLIMITED,
  ) {}

  async list() {
    return (await latestDecisionVersions(this.dataSource.manager)).map(summary);
  }

  /** Every version of one decision, newest first, with the moment each takes effect. */
  async versions(key: string) {
    const rows = (await allDecisionVersions(this.dataSource.manager)).filter((row) => row.key === key);
    if (rows.length === 0) throw new ApiError(404, 'not-found', `decision "${key}" is not deployed`);
    return rows.map(summary);
  }

  /** Evaluates the version in force at `at` (a date or date-time; default now), as a case received then would be. */
  async evaluate(key: string, variables: Variables, at?: string) {
    const moment = at === undefined ? { at: this.clock().toISOString() } : momentOf(at);
    if ('problem' in moment) throw new ApiError(400, 'bad-request', `"at" must be a date or date-time: ${moment.problem}`);
    const inForce = (await this.catalog.decisionsInForce(this.dataSource.manager)).at(key, moment.at);
    if (!inForce) {
      const deployed = (await latestDecisionVersions(this.dataSource.manager)).some((row) => row.key === key);
      if (!deployed) throw new ApiError(404, 'not-found', `decision "${key}" is not deployed`);
      throw new ApiError(404, 'not-found', `no version of decision "${key}" is in force on ${moment.at}`);
    }
    try {
      const result = this.budget(() => evaluateDecision(inForce.decision, variables));
      return {
        outputs: result.outputs,
        matchedRules: result.matchedRules,
        explanation: result.explanation,
        summary: result.summary,
        version: inForce.version,
        validFrom: inForce.validFrom ?? null,
        evaluations: evaluationRecord(result.evaluations),
      };
    } catch (err) {
      if (err instanceof DecisionError || err instanceof FeelError || err instanceof BudgetExceeded) {
        throw new ApiError(400, 'bad-request', `decision "${key}" cannot decide for these variables: ${err.message}`);
      }
      throw err;
    }
  }
}
