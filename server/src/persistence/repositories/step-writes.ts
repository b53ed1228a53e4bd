import type { EntityManager } from 'typeorm';
import type { Effect, InstanceState } from '../../../../engine/src/index.js';
import { query } from '../prepared.js';
import { rootVariables, type InstanceRow } from './instances.js';

/** A case as a step needs it: what it is and the state the engine steps from. */
export type StepBase = Pick<InstanceRow, 'id' | 'definition_id' | 'process_key' | 'row_version' | 'state'>;

/** The columns of a case a step needs, read beside another row (a task, a timer) from the case aliased `alias`. */
export function caseColumns(alias: string): string {
  return `${alias}.id AS case_id, ${alias}.definition_id AS case_definition_id, ${alias}.process_key AS case_process_key, ${alias}.row_version AS case_row_version, ${alias}.state AS case_state`;
}

/** A row read with `caseColumns`; the case columns are null where an outer join found no case. */
export type WithCase<T> = T & {
  case_id: string | null;
  case_definition_id: string | null;
  case_process_key: string | null;
  case_row_version: number | null;
  case_state: InstanceState | null;
};

/** Splits a row read with `caseColumns` into the row itself and its case (null when there was none). */
export function splitCase<T>(row: WithCase<T>): { row: T; instance: StepBase | null } {
  const { case_id, case_definition_id, case_process_key, case_row_version, case_state, ...rest } = row;
  const instance =
    case_id === null ? null : { id: case_id, definition_id: case_definition_id!, process_key: case_process_key!, row_version: case_row_version!, state: case_state! };
  return { row: rest as unknown as T, instance };
}

/** A new case: its row apart from the state. */
export type NewCase = Pick<InstanceRow, 'id' | 'definition_id' | 'process_key' | 'process_version' | 'business_key' | 'tracking_code'>;

/** A task the step relied on as it was read; the write is refused if it is no longer open with this assignee. */
export interface TaskGuard {
  taskId: string;
  assignee: string | null;
}

/** The step's write found a task it relied on changed (claimed, completed) since it was read; nothing was written. */
export class GuardFailed extends Error {}

/** A new case was to start on the latest version of its process, and a newer one has been deployed; nothing was written. */
export class NewerVersionDeployed extends Error {}

export interface StepWrite {
  /** The case as read (its row_version is checked), or a new case. */
  case: StepBase | NewCase;
  next: InstanceState;
  effects: Effect[];
  now: string;
  guard?: TaskGuard;
  /** A new case on what was taken for the latest version of its process: refused if a newer one exists. */
  onLatest?: boolean;
}

/** What loket_write_steps takes for a step. */
function stepParameter(write: StepWrite) {
  const { next } = write;
  const previous = 'state' in write.case ? write.case.state : null;
  const base =
    'row_version' in write.case
      ? { id: write.case.id, expectedVersion: write.case.row_version }
      : {
          id: write.case.id,
          expectedVersion: null,
          definitionId: write.case.definition_id,
          processKey: write.case.process_key,
          processVersion: write.case.process_version,
          businessKey: write.case.business_key,
          trackingCode: write.case.tracking_code,
          parentInstanceId: next.parent?.instanceId ?? null,
          parentTokenId: next.parent?.tokenId ?? null,
        };
  return {
    ...base,
    now: write.now,
    status: next.status,
    state: next,
    variables: rootVariables(next),
    guard: write.guard ?? null,
    ops: [...effectOps(write.effects), ...incidentOps(previous, next)],
    history: write.effects.flatMap((effect) => (effect.type === 'history' ? [effect.event] : [])),
    ...(write.onLatest === true ? { onLatest: true } : {}),
  };
}

/** The row as written, with the state the step sent (the function does not send it back). */
function asWritten(row: InstanceRow, write: StepWrite): InstanceRow {
  return { ...row, state: write.next, variables: rootVariables(write.next) };
}

/** The refusals loket_write_steps raises, as errors of their own. */
function refusal(err: unknown): unknown {
  if ((err as { code?: string }).code === 'LK001') return new GuardFailed((err as Error).message);
  if ((err as { code?: string }).code === 'LK002') return new NewerVersionDeployed((err as Error).message);
  return err;
}

/**
 * Writes steps with loket_write_steps (migrations 0013, 0014), in the caller's transaction or on their own: one
 * round trip, atomic on its own. Gives the rows as written, one per step in order; undefined where another step
 * of the case was written since it was read (nothing of that step was written).
 */
async function writeSteps(em: EntityManager, writes: StepWrite[]): Promise<(InstanceRow | undefined)[]> {
  const rows = await query<InstanceRow>(em, 'SELECT * FROM loket_write_steps($1::jsonb)', [JSON.stringify(writes.map(stepParameter))]);
  if (rows.length !== writes.length) throw new Error(`loket_write_steps wrote ${rows.length} rows for ${writes.length} steps`);
  return rows.map((row, i) => (row.id === null ? undefined : asWritten(row, writes[i]!)));
}

/** Writes one step (see writeSteps); a refusal (a guard, a newer version) is thrown as its own error. */
export async function writeStep(em: EntityManager, write: StepWrite): Promise<InstanceRow | undefined> {
  try {
    return (await writeSteps(em, [write]))[0];
  } catch (err) {
    throw refusal(err);
  }
}

interface Waiting {
  write: StepWrite;
  resolve: (row: InstanceRow | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes steps that stand alone (no transaction around them) and group-commits them: while `maxInFlight`
 * writes are on their way to the database, the steps that become ready meanwhile wait and then go together,
 * in one statement and one transaction (loket_write_steps, migration 0013). Each commit costs PostgreSQL a WAL
 * flush and each statement a round trip; under load a handful of cases share them. Nothing waits for company
 * longer than the requests that have already arrived take to get their steps ready: a step goes at the end of
 * the event loop's turn it was ready in (setImmediate), with the others of that turn. That matters on PGlite,
 * which runs in this thread: a write there is over before the next request is even read, so without that turn
 * every step over HTTP went alone (W3 of `npm run bench`, PGlite: 317 cases/s, 1.0 step per group; with it
 * 546 cases/s, 3.5 per group; on PostgreSQL W3 712 against 776 in turns, W2 alike). A step is acknowledged
 * only when its group has committed; a group that fails (a guard, a newer version, any error) is written again
 * step by step, so each step gets its own answer and one step's refusal does not refuse another.
 */
export class StepWriter {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private dispatchScheduled = false;

  constructor(
    private readonly em: EntityManager,
    private readonly maxInFlight: number,
    private readonly maxGroup = 32,
  ) {}

  write(write: StepWrite): Promise<InstanceRow | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (!this.dispatchScheduled) {
        this.dispatchScheduled = true;
        setImmediate(() => {
          this.dispatchScheduled = false;
          this.dispatch();
        });
      }
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  private async send(group: Waiting[]): Promise<void> {
    try {
      const rows = await writeSteps(this.em, group.map((w) => w.write));
      group.forEach((waiting, i) => waiting.resolve(rows[i]));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(refusal(err));
        return;
      }
      for (const waiting of group) await writeStep(this.em, waiting.write).then(waiting.resolve, waiting.reject);
    }
  }
}

type Op = { op: string; [field: string]: unknown };

function effectOps(effects: Effect[]): Op[] {
  const ops: Op[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'task-opened':
        ops.push({ op: 'open-task', ...effect.task });
        break;
      case 'task-closed':
        ops.push({ op: 'close-task', id: effect.taskId, reason: effect.reason, user: effect.user ?? null });
        break;
      case 'job-created':
        ops.push({ op: 'open-work-job', ...effect.job });
        break;
      case 'job-closed':
        ops.push({ op: 'close-job', id: effect.jobId });
        break;
      case 'subscription-opened': {
        const { subscription } = effect;
        if (subscription.kind === 'timer') ops.push({ op: 'open-timer', id: subscription.id, elementId: subscription.elementId, dueAt: subscription.dueAt });
        else {
          ops.push({
            op: 'open-subscription',
            id: subscription.id,
            kind: subscription.kind,
            name: subscription.name,
            correlationKey: subscription.correlationKey ?? null,
            elementId: subscription.elementId,
          });
        }
        break;
      }
      case 'subscription-closed':
        ops.push({ op: effect.kind === 'timer' ? 'close-job' : 'close-subscription', id: effect.subscriptionId });
        break;
    }
  }
  return ops;
}

/** Incidents live in the state; the table follows it so open incidents can be listed across cases. */
function incidentOps(previous: InstanceState | null, next: InstanceState): Op[] {
  const before = new Set(previous?.incidents.map((incident) => incident.id) ?? []);
  const after = new Set(next.incidents.map((incident) => incident.id));
  return [
    ...next.incidents
      .filter((incident) => !before.has(incident.id))
      .map(({ id, elementId, message, createdAt }) => ({ op: 'open-incident', id, elementId, message, createdAt })),
    ...[...before].filter((id) => !after.has(id)).map((id) => ({ op: 'resolve-incident', id })),
  ];
}
