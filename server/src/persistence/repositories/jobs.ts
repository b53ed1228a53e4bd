import type { EntityManager } from 'typeorm';
import { query } from '../prepared.js';
import { caseColumns, splitCase, type StepBase, type WithCase } from './step-writes.js';

/** A row of the jobs table: a timer that will fire, or work for a job worker. */
export interface JobRow {
  id: string;
  kind: 'timer' | 'work';
  process_instance_id: string | null;
  definition_id: string | null;
  element_id: string;
  subscription_id: string | null;
  type: string | null;
  headers: Record<string, string>;
  retries: number;
  due_at: Date;
  worker: string | null;
  locked_until: Date | null;
  error_message: string | null;
  created_at: Date;
  closed_at: Date | null;
}

/** A start timer of a process version (a case's own timers are written by loket_write_steps). */
export async function insertStartTimerJob(
  em: EntityManager,
  definitionId: string,
  timer: { id: string; elementId: string; dueAt: string },
  headers: Record<string, string>,
  now: string,
): Promise<void> {
  await em.query(
    `INSERT INTO jobs (id, kind, definition_id, element_id, subscription_id, headers, retries, due_at, created_at)
     VALUES ($1, 'timer', $2, $3, $1, $4::jsonb, 1, $5, $6)`,
    [timer.id, definitionId, timer.elementId, JSON.stringify(headers), timer.dueAt, now],
  );
}

export async function closeJob(em: EntityManager, id: string, now: string): Promise<void> {
  await em.query('UPDATE jobs SET closed_at = $1, locked_until = NULL WHERE id = $2 AND closed_at IS NULL', [now, id]);
}

export async function findJob(em: EntityManager, id: string, { forUpdate = false } = {}): Promise<JobRow | undefined> {
  const rows: JobRow[] = await em.query(`SELECT * FROM jobs WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Locks up to `limit` open work jobs of a type for a worker; rows another transaction holds are skipped, not waited for. */
export async function lockWorkJobs(em: EntityManager, type: string, worker: string, limit: number, now: string, lockedUntil: string): Promise<JobRow[]> {
  // typeorm answers an UPDATE … RETURNING with [rows, affected count].
  const [rows]: [JobRow[], number] = await em.query(
    `UPDATE jobs SET worker = $2, locked_until = $5
      WHERE id IN (
        SELECT id FROM jobs
         WHERE kind = 'work' AND type = $1 AND closed_at IS NULL AND due_at <= $4 AND (locked_until IS NULL OR locked_until < $4)
         ORDER BY due_at, created_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [type, worker, limit, now, lockedUntil],
  );
  return rows;
}

/** A leased timer, with its case as it was read in the same statement (none for a start timer). */
export type LeasedTimer = JobRow & { case: StepBase | null };

/**
 * Takes up to `limit` due timers for this runner until `leaseUntil`, in one round trip: rows another runner is
 * taking right now are skipped, not waited for, and so are timers another runner holds a lease on. A runner that
 * dies leaves its timers to the others once the lease runs out; firing twice is prevented where it is fired (the
 * case's row version, or the start timer's row lock), not by the lease.
 */
export async function leaseDueTimers(em: EntityManager, now: string, leaseUntil: string, limit: number): Promise<LeasedTimer[]> {
  // RETURNING gives the rows in no particular order; the outer query puts the oldest first again. Each timer
  // comes with its case, which its firing steps from: one read less per timer.
  const rows = await query<WithCase<JobRow>>(
    em,
    `WITH leased AS (
       UPDATE jobs SET locked_until = $2
        WHERE id IN (
          SELECT id FROM jobs
           WHERE kind = 'timer' AND closed_at IS NULL AND due_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
           ORDER BY due_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING *)
     SELECT leased.*, ${caseColumns('p')}
       FROM leased LEFT JOIN process_instances p ON p.id = leased.process_instance_id
      ORDER BY leased.due_at, leased.id`,
    [now, leaseUntil, limit],
  );
  return rows.map((read) => {
    const { row, instance } = splitCase(read);
    return { ...row, case: instance };
  });
}

/** A timer whose step failed: tried again at `dueAt`; `failures` counts the attempts that failed in a row. */
export async function postponeTimer(em: EntityManager, id: string, dueAt: string, message: string, failures: number): Promise<void> {
  await em.query(
    `UPDATE jobs SET due_at = $2, error_message = $3, locked_until = NULL, headers = headers || jsonb_build_object('failures', $4::text)
      WHERE id = $1 AND kind = 'timer' AND closed_at IS NULL`,
    [id, dueAt, message, String(failures)],
  );
}

export async function releaseJobForRetry(em: EntityManager, id: string, retries: number, dueAt: string, message: string): Promise<void> {
  await em.query(
    'UPDATE jobs SET retries = $2, due_at = $3, error_message = $4, worker = NULL, locked_until = NULL WHERE id = $1',
    [id, retries, dueAt, message],
  );
}

/** Closes the start timers and start subscriptions of older versions of a process, which a new version replaces. */
export async function closeStartJobsOfOtherVersions(em: EntityManager, key: string, keepDefinitionId: string, now: string): Promise<void> {
  await em.query(
    `UPDATE jobs SET closed_at = $3
      WHERE closed_at IS NULL AND definition_id IN (SELECT id FROM process_definitions WHERE key = $1 AND id <> $2)`,
    [key, keepDefinitionId, now],
  );
}
