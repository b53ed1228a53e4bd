import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CommandRejected, step, type Command, type InstanceState, type StepResult } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { processDefinitionById, type ProcessDefinitionRow } from '../persistence/repositories/definitions.js';
import { applyEffects, findInstance, insertInstance, updateInstanceState, type InstanceRow } from '../persistence/repositories/instances.js';
import type { Catalog } from './catalog.js';
import { newTrackingCode } from './tracking-code.js';

type Clock = () => Date;

/**
 * Runs one engine step per database transaction: read the case, step the pure engine, write the new
 * state, the inbox, the history and the incidents together, or nothing at all.
 */
export class CaseSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
    private readonly clock: Clock = () => new Date(),
  ) {}

  async start(definition: ProcessDefinitionRow, input: { businessKey?: string; variables?: InstanceState['scopes'][string]['variables'] }): Promise<InstanceRow> {
    const model = await this.catalog.model(definition);
    const id = randomUUID();
    return this.dataSource.transaction(async (em) => {
      const now = this.clock().toISOString();
      const result = await this.step(em, definition, null, { type: 'start', instanceId: id, variables: input.variables ?? {} }, now, model);
      const row = { id, definition_id: definition.id, process_key: definition.key, process_version: definition.version, business_key: input.businessKey ?? null, tracking_code: newTrackingCode(), state: result.state };
      await insertInstance(em, row, now);
      await applyEffects(em, { id, processKey: definition.key }, null, result.state, result.effects, now);
      return (await findInstance(em, id))!;
    });
  }

  /**
   * Applies a command to an existing case. `inTransaction` runs first inside the same transaction, for
   * checks and writes that must commit or roll back with the step (e.g. the task row).
   */
  async run(
    instanceId: string,
    command: Exclude<Command, { type: 'start' }>,
    inTransaction?: (em: EntityManager, instance: InstanceRow) => Promise<void>,
  ): Promise<InstanceRow> {
    return this.dataSource.transaction(async (em) => {
      // Locked: a second step of the same case (say, the other task of a parallel branch) waits for this
      // one and then steps the state it left, instead of failing on the row version below.
      const instance = await findInstance(em, instanceId, { forUpdate: true });
      if (!instance) throw new ApiError(404, 'not-found', `process instance ${instanceId} does not exist`);
      await inTransaction?.(em, instance);
      const definition = await processDefinitionById(em, instance.definition_id);
      if (!definition) throw new Error(`the definition ${instance.definition_id} of instance ${instanceId} is missing`);
      const model = await this.catalog.model(definition);
      const now = this.clock().toISOString();
      const result = await this.step(em, definition, instance.state, command, now, model);
      if (!(await updateInstanceState(em, instance.id, instance.row_version, result.state, now))) {
        throw new ApiError(409, 'conflict', `process instance ${instanceId} was changed by another request at the same time; try again`);
      }
      await applyEffects(em, { id: instance.id, processKey: instance.process_key }, instance.state, result.state, result.effects, now);
      return (await findInstance(em, instanceId))!;
    });
  }

  private async step(
    em: EntityManager,
    definition: Pick<ProcessDefinitionRow, 'key'>,
    state: InstanceState | null,
    command: Command,
    now: string,
    model: Awaited<ReturnType<Catalog['model']>>,
  ): Promise<StepResult> {
    // Only a case that can reach a business rule task needs the deployed decisions read.
    const usesDecisions = [...model.elements.values()].some((element) => element.kind === 'businessRuleTask');
    const decisions = usesDecisions ? await this.catalog.latestDecisions(em) : new Map();
    try {
      return step(model, state, command, { now, decision: (id) => decisions.get(id) });
    } catch (err) {
      if (err instanceof CommandRejected) {
        const status = err.code === 'not-found' ? 404 : err.code === 'conflict' ? 409 : 400;
        const code = err.code === 'invalid' ? 'bad-request' : err.code;
        throw new ApiError(status, code, `${definition.key}: ${err.message}`);
      }
      throw err;
    }
  }
}
