import type { EntityManager } from 'typeorm';
import type { Variables } from '../../../engine/src/index.js';

/** A service-task job as a worker sees it. */
export interface JobToRun {
  id: string;
  type: string;
  processInstanceId: string;
  elementId: string;
  /** The variables the service task sees (its input mappings over the case's). */
  variables: Variables;
  /** The static zeebe:taskHeaders of the service task. */
  headers: Record<string, string>;
  retries: number;
}

export type JobOutcome =
  | { kind: 'complete'; variables: Variables }
  | { kind: 'fail'; message: string; retryBackoffMs?: number }
  | { kind: 'bpmn-error'; errorCode: string; message?: string };

/**
 * A worker that runs inside the server for a job type (e.g. `loket:mail`). `run` gets the transaction in
 * which the job will be completed, so what it writes (an outbox row) commits exactly when the job does.
 * A worker must not throw for expected failures; it answers `fail` with a message a process owner can act on.
 */
export interface BuiltInWorker {
  type: string;
  /**
   * Runs inside the transaction that completes the job (quick, database-only work such as writing the
   * outbox). Otherwise it runs outside any transaction, so a slow call does not hold the database.
   */
  transactional?: boolean;
  run(job: JobToRun, em: EntityManager): Promise<JobOutcome>;
}
