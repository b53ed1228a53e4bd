import type { EntityManager } from 'typeorm';
import { compileBpmn, compileDmn, type CompiledDecision, type ProcessModel } from '../../../engine/src/index.js';
import { latestDecisionVersions, resourceContent, type ProcessDefinitionRow } from '../persistence/repositories/definitions.js';

/**
 * Compiled models and decisions, by definition id. A definition's content never changes once deployed,
 * so the cache needs no invalidation and is safe with several server processes on one database.
 */
export class Catalog {
  private readonly models = new Map<string, Promise<ProcessModel>>();
  private readonly decisionsByResource = new Map<string, Promise<CompiledDecision[]>>();

  model(definition: ProcessDefinitionRow): Promise<ProcessModel> {
    let model = this.models.get(definition.id);
    if (!model) {
      model = compileDeployed(definition);
      this.models.set(definition.id, model);
    }
    return model;
  }

  /** The latest version of every deployed decision, by decision id. */
  async latestDecisions(em: EntityManager): Promise<Map<string, CompiledDecision>> {
    const rows = await latestDecisionVersions(em);
    const decisions = new Map<string, CompiledDecision>();
    for (const row of rows) {
      const compiled = (await this.decisionsOf(em, row.dmn_resource_id)).find((decision) => decision.id === row.key);
      if (compiled) decisions.set(row.key, compiled);
    }
    return decisions;
  }

  private decisionsOf(em: EntityManager, resourceId: string): Promise<CompiledDecision[]> {
    let decisions = this.decisionsByResource.get(resourceId);
    if (!decisions) {
      decisions = resourceContent(em, resourceId).then(async (dmn) => (dmn ? (await compileDmn(dmn)).decisions : []));
      this.decisionsByResource.set(resourceId, decisions);
      // A failed read must not stay cached.
      decisions.catch(() => this.decisionsByResource.delete(resourceId));
    }
    return decisions;
  }
}

async function compileDeployed(definition: ProcessDefinitionRow): Promise<ProcessModel> {
  // References were checked at deploy; a decision deployed later may change, which is the point of "latest".
  const result = await compileBpmn(definition.xml, { hasDecision: () => true, hasForm: () => true });
  const model = result.processes.find((process) => process.key === definition.key);
  if (!model) throw new Error(`deployed definition ${definition.id} no longer compiles: ${JSON.stringify(result.problems)}`);
  return model;
}
