import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CommandRejected, step, UNLIMITED, type Budget, type Command, type Effect, type InstanceState, type ProcessModel, type StepResult, type Variables } from '../../../engine/src/index.js';
import { HOLIDAYS } from '../config.js';
import { ApiError } from '../http/errors.js';
import { processDefinition, type ProcessDefinitionRow } from '../persistence/repositories/definitions.js';
import { findInstance, rootVariables, type InstanceRow } from '../persistence/repositories/instances.js';
import { GuardFailed, StepWriter, writeStep, type NewCase, type StepBase, type TaskGuard } from '../persistence/repositories/step-writes.js';
import { openedTaskRow, type TaskRow } from '../persistence/repositories/tasks.js';
import { signalSubscriptions, startSubscriptions, type EventSubscriptionRow } from '../persistence/repositories/subscriptions.js';
import type { Catalog } from './catalog.js';
import { Notifications } from './notifications.js';
import { RecentCases } from './recent-cases.js';
import { newTrackingCode } from './tracking-code.js';

type Clock = () => Date;

export interface StartInput {
  businessKey?: string;
  variables?: Variables;
  /** A start event with a trigger (message, signal, timer); default: the one without. */
  startEventId?: string;
  parent?: InstanceState['parent'];
  /**
   * The definition is what the caller took for the latest version (from a cache): the start is refused with
   * NewerVersionDeployed, and nothing written, if a newer version has been deployed since.
   */
  onLatest?: boolean;
}

/** The engine refused the command (the case is not in a state where it applies); nothing was written. */
export class StepRejected extends ApiError {}

/** What a step reads before it runs: the case, and a task it relies on as it was read. */
export interface Loaded {
  instance: StepBase;
  guard?: TaskGuard;
}
export type Loader = (em: EntityManager) => Promise<Loaded>;

/** A case after its start, and the user tasks the start opened in it. */
export interface Started {
  instance: InstanceRow;
  opened: TaskRow[];
}

/** A case after a step, the moment the step was taken, and the user tasks the step opened in it. */
export interface Stepped extends Started {
  at: string;
}

/** The tasks a step of `instance` opened, as loket_write_steps writes them. */
function openedTasks(instance: { id: string; process_key: string }, effects: Effect[], at: string): TaskRow[] {
  return effects.flatMap((effect) => (effect.type === 'task-opened' ? [openedTaskRow(instance, effect.task, at)] : []));
}

/** Optimistic tries of a step before it waits its turn with the case's row locked. */
const OPTIMISTIC_ATTEMPTS = 3;

/** What a step asks of other cases. */
function crossings(effects: Effect[]): Effect[] {
  return effects.filter((e) => e.type === 'signal-thrown' || e.type === 'child-requested' || e.type === 'child-cancelled' || e.type === 'parent-notified');
}

/** A step that reaches other cases, or writes a mail beside the case, is written in a transaction. */
function needsTransaction(effects: Effect[]): boolean {
  return crossings(effects).length > 0 || Notifications.in(effects).length > 0;
}

function changedMeanwhile(): ApiError {
  return new ApiError(409, 'conflict', 'the task changed while this request was handled (claimed or completed by someone else); try again');
}

/** How far one request may cascade through other cases (signals, call activities) before it is stopped. */
const MAX_CASCADE = 64;

/**
 * Runs engine steps against the database: read the case, step the pure engine, write the new state, the
 * inbox, jobs, subscriptions, the history and the incidents together, or nothing at all.
 * What a step asks of other cases (a signal, a called process, a parent to tell) happens in the same
 * transaction, so a request either carries every case it touches to its next wait state or changes nothing.
 */
export class CaseSteps {
  /** The cases this process wrote last: a completion steps from there (checked by the write). */
  readonly recent = new RecentCases();
  private readonly writer: StepWriter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
    private readonly clock: Clock = () => new Date(),
    private readonly budget: Budget = UNLIMITED,
    private readonly notifications?: Notifications,
  ) {
    // Two groups on their way at a time, measured in turns (W2 of `npm run bench`, PostgreSQL, 8 clients): more
    // than three carry fewer cases (smaller groups, more commits); one, two and three carried within 2% of each
    // other once steps got cheaper (migration 0014). PGlite has one session (a pool of one).
    const poolSize = (dataSource.options as { poolSize?: number }).poolSize;
    this.writer = new StepWriter(dataSource.manager, Math.min(2, poolSize ?? 2));
  }

  now(): string {
    return this.clock().toISOString();
  }

  /**
   * One transaction; retried when PostgreSQL breaks a deadlock between cases locked in different orders, or
   * when a task a step relied on changed before it was written (the retry reads it again and says why).
   */
  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err) {
        const retry = (err as { code?: string }).code === '40P01' || err instanceof GuardFailed;
        if (!retry || attempt >= 3) throw err instanceof GuardFailed ? changedMeanwhile() : err;
      }
    }
  }

  /**
   * Starts a case. A start that reaches no other case is written in one round trip, without a transaction
   * around it; one that does (a call activity, a signal) is written with those cases in one transaction.
   */
  async start(definition: ProcessDefinitionRow, input: StartInput): Promise<Started> {
    const em = this.dataSource.manager;
    const { row, result, now } = await this.stepStart(em, definition, input);
    if (needsTransaction(result.effects)) {
      return this.transaction(async (tx) => {
        const opened: TaskRow[] = [];
        const instance = await this.startIn(tx, definition, input, 0, opened);
        return { instance, opened };
      });
    }
    const written = (await this.writer.write({ case: row, next: result.state, effects: result.effects, now, onLatest: input.onLatest === true }))!;
    this.recent.remember(written, result.effects, now);
    return { instance: written, opened: openedTasks(written, result.effects, now) };
  }

  /**
   * Applies a command to an existing case. Optimistic first: read the case (and, with `load`, a task the
   * step relies on), step it, and write it in one round trip only if nobody stepped it meanwhile; when
   * somebody did, read again. A step that reaches other cases, or a case other steps keep overtaking, goes
   * the locked way: in one transaction, with the case's row locked. `seen` is what the caller read a moment
   * ago, or what this process wrote last (the case with its row version, and the task with its assignee): the
   * first try steps from it instead of reading it again.
   */
  async run(target: string | Loader, command: Exclude<Command, { type: 'start' }>, seen?: Loaded): Promise<Stepped> {
    const load = this.loader(target);
    const em = this.dataSource.manager;
    for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt++) {
      const fromSeen = attempt === 1 && seen !== undefined;
      const { instance, guard } = fromSeen ? seen : await load(em);
      const now = this.now();
      let result: StepResult;
      try {
        result = await this.stepExisting(em, instance, command, now);
      } catch (err) {
        // What was seen may be out of date; only the case as it is now may refuse the command.
        if (fromSeen && err instanceof StepRejected) continue;
        throw err;
      }
      if (needsTransaction(result.effects)) break;
      try {
        const written = await this.writer.write({ case: instance, next: result.state, effects: result.effects, now, ...(guard ? { guard } : {}) });
        if (written) {
          this.recent.remember(written, result.effects, now);
          return { instance: written, at: now, opened: openedTasks(written, result.effects, now) };
        }
      } catch (err) {
        if (!(err instanceof GuardFailed)) throw err;
      }
    }
    return this.transaction(async (tx) => {
      const now = this.now();
      const opened: TaskRow[] = [];
      return { instance: await this.stepIn(tx, load, command, 0, now, opened), at: now, opened };
    });
  }

  /** `opened` gets the tasks this start opened in the case. */
  async startIn(em: EntityManager, definition: ProcessDefinitionRow, input: StartInput, depth = 0, opened?: TaskRow[]): Promise<InstanceRow> {
    const { row, result, now } = await this.stepStart(em, definition, input);
    const inserted = (await writeStep(em, { case: row, next: result.state, effects: result.effects, now, onLatest: input.onLatest === true }))!;
    opened?.push(...openedTasks(row, result.effects, now));
    await this.queueNotifications(em, row, result);
    // A step of another case (a called case telling this one it ended) may have changed this row meanwhile.
    if (!(await this.followUp(em, row.id, result.effects, depth))) return inserted;
    return (await findInstance(em, row.id))!;
  }

  /**
   * Steps a case inside the caller's transaction, its row locked. `target` is the case, or a loader that
   * reads (and checks) what the step relies on and says which case it is. `opened` gets the tasks the step
   * opened in the case.
   */
  async stepIn(
    em: EntityManager,
    target: string | Loader,
    command: Exclude<Command, { type: 'start' }>,
    depth = 0,
    now = this.now(),
    opened?: TaskRow[],
  ): Promise<InstanceRow> {
    const loaded = typeof target === 'string' ? undefined : await target(em);
    const instanceId = loaded?.instance.id ?? (target as string);
    // Locked: a second step of the same case (say, the other task of a parallel branch) waits for this
    // one and then steps the state it left.
    const instance = await this.existing(em, instanceId, { forUpdate: true });
    // Written in a transaction that may yet roll back, beside other cases: not kept as written.
    this.recent.forget(instanceId);
    const result = await this.stepExisting(em, instance, command, now);
    const guard = loaded?.guard;
    const updated = await writeStep(em, { case: instance, next: result.state, effects: result.effects, now, ...(guard ? { guard } : {}) });
    if (!updated) throw new Error(`process instance ${instanceId} changed while its row was locked`);
    opened?.push(...openedTasks(instance, result.effects, now));
    await this.queueNotifications(em, instance, result);
    if (!(await this.followUp(em, instance.id, result.effects, depth))) return updated;
    return (await findInstance(em, instanceId))!;
  }

  private async queueNotifications(em: EntityManager, of: Pick<InstanceRow, 'id' | 'definition_id' | 'tracking_code'>, result: StepResult): Promise<void> {
    if (!this.notifications || Notifications.in(result.effects).length === 0) return;
    const definition = (await this.catalog.definition(em, of.definition_id))!;
    await this.notifications.queue(em, of.id, await this.catalog.model(definition), result.effects, rootVariables(result.state), of.tracking_code);
  }

  private loader(target: string | Loader): Loader {
    return typeof target === 'string' ? async (em) => ({ instance: await this.existing(em, target) }) : target;
  }

  private async existing(em: EntityManager, instanceId: string, options: { forUpdate?: boolean } = {}): Promise<InstanceRow> {
    const instance = await findInstance(em, instanceId, options);
    if (!instance) throw new ApiError(404, 'not-found', `process instance ${instanceId} does not exist`);
    return instance;
  }

  private async stepStart(em: EntityManager, definition: ProcessDefinitionRow, input: StartInput) {
    const model = await this.catalog.model(definition);
    const id = randomUUID();
    const now = this.now();
    const command: Command = {
      type: 'start',
      instanceId: id,
      variables: input.variables ?? {},
      ...(input.startEventId ? { startEventId: input.startEventId } : {}),
      ...(input.parent ? { parent: input.parent } : {}),
    };
    const result = await this.step(em, definition, null, command, now, model);
    const row: NewCase = {
      id,
      definition_id: definition.id,
      process_key: definition.key,
      process_version: definition.version,
      business_key: input.businessKey ?? null,
      tracking_code: newTrackingCode(),
    };
    return { row, result, now };
  }

  private async stepExisting(em: EntityManager, instance: StepBase, command: Exclude<Command, { type: 'start' }>, now: string): Promise<StepResult> {
    const definition = await this.catalog.definition(em, instance.definition_id);
    if (!definition) throw new Error(`the definition ${instance.definition_id} of instance ${instance.id} is missing`);
    const model = await this.catalog.model(definition);
    return this.step(em, definition, instance.state, command, now, model);
  }

  /** Delivers a signal to every case waiting for it and starts every process with a matching signal start event. */
  async broadcastSignal(em: EntityManager, name: string, variables: Variables, depth = 0): Promise<string[]> {
    const reached = await this.deliver(em, await signalSubscriptions(em, name), variables, depth + 1);
    return [...reached, ...(await this.startByEvent(em, 'signal', name, { variables }, depth + 1))];
  }

  /** Triggers each waiting subscription in its case; one a trigger before it closed is passed over. The cases reached. */
  async deliver(em: EntityManager, subscriptions: EventSubscriptionRow[], variables: Variables, depth = 0): Promise<string[]> {
    const reached: string[] = [];
    for (const subscription of subscriptions) {
      const stepped = await this.tolerateGone(() =>
        this.stepIn(em, subscription.process_instance_id!, { type: 'trigger', subscriptionId: subscription.id, variables }, depth),
      );
      if (stepped) reached.push(stepped.id);
    }
    return reached;
  }

  /** Starts a case of every process whose latest version has a message or signal start event of this name. The cases started. */
  async startByEvent(em: EntityManager, kind: 'message' | 'signal', name: string, input: Omit<StartInput, 'startEventId'>, depth = 0): Promise<string[]> {
    const started: string[] = [];
    for (const start of await startSubscriptions(em, kind, name)) {
      const definition = await this.catalog.definition(em, start.definition_id!);
      if (definition) started.push((await this.startIn(em, definition, { ...input, startEventId: start.element_id }, depth)).id);
    }
    return started;
  }

  /** A subscription read a moment ago may be gone by the time its case is stepped (an earlier trigger closed it). */
  async tolerateGone<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof StepRejected && err.status === 409) return undefined;
      throw err;
    }
  }

  /** What a step asked of other cases; true when it asked anything. */
  private async followUp(em: EntityManager, instanceId: string, effects: Effect[], depth: number): Promise<boolean> {
    const crossing = crossings(effects);
    if (crossing.length === 0) return false;
    if (depth >= MAX_CASCADE) {
      throw new ApiError(409, 'conflict', `this step set off more than ${MAX_CASCADE} steps of other cases in a row (signals or call activities that call each other); nothing was changed`);
    }
    for (const effect of crossing) {
      switch (effect.type) {
        case 'signal-thrown':
          await this.broadcastSignal(em, effect.name, effect.variables, depth + 1);
          break;
        case 'child-requested': {
          const definition = await processDefinition(em, effect.processId);
          if (!definition) {
            const message = `the call activity calls process "${effect.processId}", which is not deployed`;
            await this.stepIn(em, instanceId, { type: 'child-failed', tokenId: effect.tokenId, message }, depth + 1);
          } else {
            await this.startIn(em, definition, { variables: effect.variables, parent: { instanceId, tokenId: effect.tokenId } }, depth + 1);
          }
          break;
        }
        case 'child-cancelled': {
          const children: { id: string }[] = await em.query(
            `SELECT id FROM process_instances WHERE parent_instance_id = $1 AND parent_token_id = $2 AND status IN ('active', 'incident')`,
            [instanceId, effect.tokenId],
          );
          for (const child of children) await this.stepIn(em, child.id, { type: 'cancel', byParent: true }, depth + 1);
          break;
        }
        case 'parent-notified': {
          const { parent, outcome } = effect;
          const command: Exclude<Command, { type: 'start' }> =
            outcome.type === 'completed'
              ? { type: 'child-completed', tokenId: parent.tokenId, variables: outcome.variables }
              : outcome.type === 'error'
                ? { type: 'child-error', tokenId: parent.tokenId, errorCode: outcome.errorCode, ...(outcome.message ? { message: outcome.message } : {}) }
                : { type: 'child-terminated', tokenId: parent.tokenId };
          await this.tolerateGone(() => this.stepIn(em, parent.instanceId, command, depth + 1));
          break;
        }
      }
    }
    return true;
  }

  private async step(
    em: EntityManager,
    definition: Pick<ProcessDefinitionRow, 'key'>,
    state: InstanceState | null,
    command: Command,
    now: string,
    model: ProcessModel,
  ): Promise<StepResult> {
    // Only a case that can reach a business rule task needs the deployed decisions read.
    const usesDecisions = [...model.elements.values()].some((element) => element.kind === 'businessRuleTask');
    const decisions = usesDecisions ? await this.catalog.decisionsInForce(em) : undefined;
    try {
      return step(model, state, command, { now, decision: (id, at) => decisions?.at(id, at), budget: this.budget, holidays: HOLIDAYS });
    } catch (err) {
      if (err instanceof CommandRejected) {
        const status = err.code === 'not-found' ? 404 : err.code === 'conflict' ? 409 : 400;
        const code = err.code === 'invalid' ? 'bad-request' : err.code;
        throw new StepRejected(status, code, `${definition.key}: ${err.message}`);
      }
      throw err;
    }
  }
}
