import type { EntityManager } from 'typeorm';
import type { HistoryEventRow, IncidentEntityRow, ProcessInstanceEntityRow } from '../entities.js';
import type { HistoryEvent, InstanceState } from '../../../../engine/src/index.js';
import { query } from '../prepared.js';

/** A process_instances row, with the engine state typed. */
export type InstanceRow = Omit<ProcessInstanceEntityRow, 'state'> & { state: InstanceState };

export interface InstanceFilter {
  processKey?: string;
  state?: string;
  businessKey?: string;
}

/** `forUpdate` locks the row until the transaction ends, so steps of one case wait for each other. */
export async function findInstance(em: EntityManager, id: string, { forUpdate = false } = {}): Promise<InstanceRow | undefined> {
  const rows = await query<InstanceRow>(em, `SELECT * FROM process_instances WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
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

export function rootVariables(state: InstanceState): Record<string, unknown> {
  return state.scopes[state.id]?.variables ?? {};
}

/** An event of a case's history: the engine's, or one the server records (a task claimed, say). */
export type RecordedEvent = Omit<HistoryEvent, 'type'> & { type: HistoryEvent['type'] | 'task-claimed' | 'task-unclaimed' | 'task-reassigned' };

/** Appends history events of a case, as one step of its history (migration 0012). */
export async function insertHistory(em: EntityManager, instanceId: string, history: RecordedEvent[]): Promise<void> {
  if (history.length === 0) return;
  await em.query('INSERT INTO history_steps (process_instance_id, at, events) VALUES ($1, $2, $3::jsonb)', [instanceId, history[0]!.at, JSON.stringify(history)]);
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

/**
 * A case with the open incidents of the cases it called, and of the cases those called, oldest first: what a
 * civil servant's view of it shows, in one round trip.
 */
export async function findInstanceWithCalledIncidents(em: EntityManager, id: string): Promise<(InstanceRow & { called_incidents: IncidentRow[] }) | undefined> {
  const rows = await query<InstanceRow & { called_incidents: IncidentRow[] }>(
    em,
    `SELECT p.*, (
       WITH RECURSIVE called AS (
         SELECT child.id FROM process_instances child WHERE child.parent_instance_id = p.id
         UNION ALL
         SELECT child.id FROM process_instances child JOIN called ON child.parent_instance_id = called.id
       )
       SELECT coalesce(jsonb_agg(to_jsonb(incidents.*) ORDER BY incidents.created_at, incidents.id), '[]'::jsonb)
         FROM incidents JOIN called ON incidents.process_instance_id = called.id
        WHERE incidents.resolved_at IS NULL
     ) AS called_incidents
     FROM process_instances p WHERE p.id = $1`,
    [id],
  );
  return rows[0];
}
