import type { EntityManager } from 'typeorm';
import { compileBpmn, compileDmn, versionInForce, type CompiledDecision, type DecisionVersion, type ProcessModel } from '../../../engine/src/index.js';
import { allDecisionVersions, processDefinitionById, processDefinitionId, resourceContent, type ProcessDefinitionRow } from '../persistence/repositories/definitions.js';

/**
 * Compiled models and decisions, by definition id. A definition's content never changes once deployed,
 * so the cache needs no invalidation and is safe with several server processes on one database.
 */
export class Catalog {
  private readonly models = new Map<string, Promise<ProcessModel>>();
  private readonly definitions = new Map<string, ProcessDefinitionRow>();
  private readonly decisionsByResource = new Map<string, Promise<CompiledDecision[]>>();
  /** Definition ids by `key` (what this process last saw as the latest) and by `key@version`. */
  private readonly ids = new Map<string, string>();

  /**
   * A process's latest definition (or the version asked for), and whether it was taken for the latest. Which
   * one is the latest is kept here, so it may be stale when another server process deploys: a start on it
   * says `onLatest`, its write refuses it then (NewerVersionDeployed), and the caller asks again after
   * `forgetLatest`.
   */
  async processDefinition(em: EntityManager, key: string, version?: number): Promise<{ definition: ProcessDefinitionRow; latest: boolean } | undefined> {
    const name = version === undefined ? key : `${key}@${version}`;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = await processDefinitionId(em, key, version);
      if (id === undefined) return undefined;
      this.ids.set(name, id);
    }
    const definition = await this.definition(em, id);
    return definition && { definition, latest: version === undefined };
  }

  forgetLatest(key: string): void {
    this.ids.delete(key);
  }

  /** A process definition by id; read once, as a deployed definition never changes. */
  async definition(em: EntityManager, id: string): Promise<ProcessDefinitionRow | undefined> {
    let row = this.definitions.get(id);
    if (!row) {
      row = await processDefinitionById(em, id);
      if (row) this.definitions.set(id, row);
    }
    return row;
  }

  model(definition: ProcessDefinitionRow): Promise<ProcessModel> {
    let model = this.models.get(definition.id);
    if (!model) {
      model = compileDeployed(definition);
      this.models.set(definition.id, model);
    }
    return model;
  }

  /** Every deployed version of every decision, compiled, to choose from by the moment of an application. */
  async decisionsInForce(em: EntityManager): Promise<DecisionsInForce> {
    const byKey = new Map<string, DecisionVersion[]>();
    for (const row of await allDecisionVersions(em)) {
      const decision = (await this.decisionsOf(em, row.dmn_resource_id)).find((d) => d.id === row.key);
      if (!decision) continue;
      const versions = byKey.get(row.key) ?? [];
      versions.push({ decision, version: row.version, ...(row.valid_from ? { validFrom: new Date(row.valid_from).toISOString() } : {}) });
      byKey.set(row.key, versions);
    }
    return { at: (key, at) => versionInForce(byKey.get(key) ?? [], at) };
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

/** The version of a decision that decides an application received at a moment (ISO 8601 UTC). */
export interface DecisionsInForce {
  at(key: string, at: string): DecisionVersion | undefined;
}

async function compileDeployed(definition: ProcessDefinitionRow): Promise<ProcessModel> {
  // References were checked at deploy; a decision deployed later may change, which is the point of "latest".
  const result = await compileBpmn(definition.xml, { hasDecision: () => true, hasForm: () => true });
  const model = result.processes.find((process) => process.key === definition.key);
  if (!model) throw new Error(`deployed definition ${definition.id} no longer compiles: ${JSON.stringify(result.problems)}`);
  return model;
}
