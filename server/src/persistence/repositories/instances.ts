import type { EntityManager } from 'typeorm';
import type { HistoryEventRow, IncidentEntityRow, ProcessInstanceEntityRow } from '../entities.js';
import type { Effect, HistoryEvent, InstanceState, OpenedTask } from '../../../../engine/src/index.js';
import { closeJob, insertTimerJob, insertWorkJob } from './jobs.js';
import { deleteEventSubscription, insertEventSubscription } from './subscriptions.js';

/** A process_instances row, with the engine state typed. */
export type InstanceRow = Omit<ProcessInstanceEntityRow, 'state'> & { state: InstanceState };

export interface InstanceFilter {
  processKey?: string;
  state?: string;
  businessKey?: string;
}

/** `forUpdate` locks the row until the transaction ends, so steps of one case wait for each other. */
export async function findInstance(em: EntityManager, id: string, { forUpdate = false } = {}): Promise<InstanceRow | undefined> {
  const rows: InstanceRow[] = await em.query(`SELECT * FROM process_instances WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function listInstances(em: EntityManager, filter: InstanceFilter): Promise<InstanceRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const where = (column: string, value: unknown) => {
    values.push(value);
    conditions.push(`${column} = $${values.length}`);
  };
  if (filter.processKey !== undefined) where('process_key', filter.processKey);
  if (filter.state !== undefined) where('status', filter.state);
  if (filter.businessKey !== undefined) where('business_key', filter.businessKey);
  const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return em.query(`SELECT * FROM process_instances ${clause} ORDER BY created_at DESC, id LIMIT 1000`, values);
}

/** Inserts a new case and gives the row as stored (RETURNING saves reading it again). */
export async function insertInstance(
  em: EntityManager,
  row: Pick<InstanceRow, 'id' | 'definition_id' | 'process_key' | 'process_version' | 'business_key' | 'tracking_code' | 'state'>,
  now: string,
): Promise<InstanceRow> {
  const inserted: InstanceRow[] = await em.query(
    `INSERT INTO process_instances
       (id, definition_id, process_key, process_version, business_key, tracking_code, status, state, variables, row_version, created_at, ended_at,
        parent_instance_id, parent_token_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, 1, $10, $11, $12, $13)
     RETURNING *`,
    [
      row.id,
      row.definition_id,
      row.process_key,
      row.process_version,
      row.business_key,
      row.tracking_code,
      row.state.status,
      JSON.stringify(row.state),
      JSON.stringify(rootVariables(row.state)),
      now,
      isEnded(row.state) ? now : null,
      row.state.parent?.instanceId ?? null,
      row.state.parent?.tokenId ?? null,
    ],
  );
  return inserted[0]!;
}

/**
 * Writes the new state only if nobody else stepped the instance since it was read, and gives the row as it is
 * now; undefined when somebody did.
 */
export async function updateInstanceState(em: EntityManager, id: string, expectedVersion: number, state: InstanceState, now: string): Promise<InstanceRow | undefined> {
  const result: [InstanceRow[], number] = await em.query(
    `UPDATE process_instances
        SET state = $1::jsonb, variables = $2::jsonb, status = $3, row_version = row_version + 1,
            ended_at = CASE WHEN $4::boolean THEN $5::timestamptz ELSE NULL END
      WHERE id = $6 AND row_version = $7
      RETURNING *`,
    [JSON.stringify(state), JSON.stringify(rootVariables(state)), state.status, isEnded(state), now, id, expectedVersion],
  );
  return result[1] === 1 ? result[0][0] : undefined;
}

export function rootVariables(state: InstanceState): Record<string, unknown> {
  return state.scopes[state.id]?.variables ?? {};
}

function isEnded(state: InstanceState): boolean {
  return state.status === 'completed' || state.status === 'terminated';
}

/** Applies what the engine asked for, in the step's transaction: inbox, jobs, timers, subscriptions, history, incidents. */
export async function applyEffects(
  em: EntityManager,
  instance: { id: string; processKey: string },
  previous: InstanceState | null,
  next: InstanceState,
  effects: Effect[],
  now: string,
): Promise<void> {
  const history = effects.flatMap((effect) => (effect.type === 'history' ? [effect.event] : []));
  for (const effect of effects) {
    if (effect.type === 'task-opened') await insertTask(em, instance, effect.task, now);
    if (effect.type === 'task-closed') {
      await em.query(
        `UPDATE tasks SET state = $1, completed_at = $2, completed_by = $3 WHERE id = $4 AND state = 'open'`,
        [effect.reason, now, effect.user ?? null, effect.taskId],
      );
    }
    if (effect.type === 'job-created') await insertWorkJob(em, instance.id, effect.job, now);
    if (effect.type === 'job-closed') await closeJob(em, effect.jobId, now);
    if (effect.type === 'subscription-opened') {
      const { subscription } = effect;
      if (subscription.kind === 'timer') await insertTimerJob(em, { instanceId: instance.id }, subscription, {}, now);
      else await insertEventSubscription(em, { instanceId: instance.id }, subscription, now);
    }
    if (effect.type === 'subscription-closed') {
      if (effect.kind === 'timer') await closeJob(em, effect.subscriptionId, now);
      else await deleteEventSubscription(em, effect.subscriptionId);
    }
  }
  await insertHistory(em, instance.id, history);
  const before = new Set(previous?.incidents.map((incident) => incident.id) ?? []);
  const after = new Set(next.incidents.map((incident) => incident.id));
  for (const incident of next.incidents) {
    if (!before.has(incident.id)) {
      await em.query(
        'INSERT INTO incidents (id, process_instance_id, element_id, message, created_at) VALUES ($1, $2, $3, $4, $5)',
        [incident.id, instance.id, incident.elementId, incident.message, incident.createdAt],
      );
    }
  }
  for (const id of before) {
    if (!after.has(id)) await em.query('UPDATE incidents SET resolved_at = $1 WHERE id = $2 AND resolved_at IS NULL', [now, id]);
  }
}

/** Appends history events of a case; one multi-row insert, as each round trip costs on the single PGlite connection. */
export async function insertHistory(em: EntityManager, instanceId: string, history: HistoryEvent[]): Promise<void> {
  if (history.length === 0) return;
  const values: unknown[] = [];
  const rows = history.map((event) => {
    values.push(instanceId, event.type, event.elementId, event.elementType, event.at, event.user ?? null, event.data ? JSON.stringify(event.data) : null);
    const n = values.length;
    return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
  });
  await em.query(
    `INSERT INTO history_events (process_instance_id, type, element_id, element_type, at, user_name, data) VALUES ${rows.join(', ')}`,
    values,
  );
}

async function insertTask(em: EntityManager, instance: { id: string; processKey: string }, task: OpenedTask, now: string): Promise<void> {
  await em.query(
    `INSERT INTO tasks (id, process_instance_id, process_key, element_id, name, candidate_groups, candidate_users, assignee, due_date, form_key, state, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, 'open', $11)`,
    [
      task.id,
      instance.id,
      instance.processKey,
      task.elementId,
      task.name,
      JSON.stringify(task.candidateGroups),
      JSON.stringify(task.candidateUsers),
      task.assignee,
      task.dueDate,
      task.formKey,
      now,
    ],
  );
}

export type HistoryRow = HistoryEventRow;

export async function instanceHistory(em: EntityManager, instanceId: string): Promise<HistoryRow[]> {
  return em.query('SELECT * FROM history_events WHERE process_instance_id = $1 ORDER BY id', [instanceId]);
}

export type IncidentRow = IncidentEntityRow;

export async function findIncident(em: EntityManager, id: string): Promise<IncidentRow | undefined> {
  const rows: IncidentRow[] = await em.query('SELECT * FROM incidents WHERE id = $1', [id]);
  return rows[0];
}

/** Open incidents of the cases a case called, and of the cases those called, oldest first. */
export async function descendantIncidents(em: EntityManager, instanceId: string): Promise<IncidentRow[]> {
  return em.query(
    `WITH RECURSIVE called AS (
       SELECT id FROM process_instances WHERE parent_instance_id = $1
       UNION ALL
       SELECT child.id FROM process_instances child JOIN called ON child.parent_instance_id = called.id
     )
     SELECT incidents.* FROM incidents JOIN called ON incidents.process_instance_id = called.id
      WHERE incidents.resolved_at IS NULL ORDER BY incidents.created_at, incidents.id`,
    [instanceId],
  );
}
