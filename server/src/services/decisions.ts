import type { DataSource } from 'typeorm';
import { DecisionError, evaluateDecision, FeelError, type Variables } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { latestDecisionVersions } from '../persistence/repositories/definitions.js';
import type { Catalog } from './catalog.js';

export class DecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
  ) {}

  async list() {
    return (await latestDecisionVersions(this.dataSource.manager)).map(({ id, key, version, name }) => ({ id, key, version, name }));
  }

  async evaluate(key: string, variables: Variables) {
    const decision = (await this.catalog.latestDecisions(this.dataSource.manager)).get(key);
    if (!decision) throw new ApiError(404, 'not-found', `decision "${key}" is not deployed`);
    try {
      const result = evaluateDecision(decision, variables);
      return { outputs: result.outputs, matchedRules: result.matchedRules, explanation: result.explanation };
    } catch (err) {
      if (err instanceof DecisionError || err instanceof FeelError) {
        throw new ApiError(400, 'bad-request', `decision "${key}" cannot decide for these variables: ${err.message}`);
      }
      throw err;
    }
  }
}
