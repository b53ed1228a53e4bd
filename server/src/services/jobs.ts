import type { DataSource, EntityManager } from 'typeorm';
import { visibleVariables, type Variables } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { findJob, lockWorkJobs, releaseJobForRetry, type JobRow } from '../persistence/repositories/jobs.js';
import { findInstance, insertHistory } from '../persistence/repositories/instances.js';
import type { BuiltInWorker, JobOutcome, JobToRun } from '../jobs/worker.js';
import type { CaseSteps } from './case-steps.js';

export interface JobView {
  id: string;
  type: string;
  processInstanceId: string;
  elementId: string;
  variables: Variables;
  retries: number;
  customHeaders: Record<string, string>;
  deadline: string | null;
}

/** The worker name the server's own workers lock jobs under. */
export const BUILT_IN_WORKER = 'loket';

/** Backoff of the built-in workers' retries: the fewer retries are left, the longer the wait (10 s, 20 s, 40 s … at most 10 minutes). */
function builtInBackoffMs(retriesLeft: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, 3 - retriesLeft), 600_000);
}

/**
 * Service-task jobs: external workers activate, complete and fail them through the API; the server's own
 * workers (loket:mail, loket:http) run them from the job runner. Each outcome is one engine step.
 */
export class JobService {
  private readonly builtIn: Map<string, BuiltInWorker>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    workers: BuiltInWorker[],
  ) {
    this.builtIn = new Map(workers.map((worker) => [worker.type, worker]));
  }

  async activate(input: { type: string; worker: string; maxJobs?: number; lockMs?: number }): Promise<JobView[]> {
    const now = this.steps.now();
    const lockedUntil = new Date(Date.parse(now) + (input.lockMs ?? 300_000)).toISOString();
    return this.steps.transaction(async (em) => {
      const rows = await lockWorkJobs(em, input.type, input.worker, input.maxJobs ?? 10, now, lockedUntil);
      // One after the other: a transaction is one connection, which runs one query at a time.
      const views: JobView[] = [];
      for (const row of rows) views.push(await this.view(em, row));
      return views;
    });
  }

  async complete(id: string, input: { variables?: Variables; worker?: string }): Promise<void> {
    await this.steps.transaction(async (em) => {
      const job = await this.lockedJob(em, id, input.worker);
      await this.steps.stepIn(em, job.process_instance_id!, { type: 'complete-job', jobId: id, variables: input.variables ?? {} });
    });
  }

  async fail(id: string, input: { retries: number; errorMessage: string; retryBackoffMs?: number; worker?: string }): Promise<void> {
    await this.steps.transaction(async (em) => {
      const job = await this.lockedJob(em, id, input.worker);
      await this.recordFailure(em, job, input.retries, input.errorMessage, input.retryBackoffMs ?? 0);
    });
  }

  async throwError(id: string, input: { errorCode: string; errorMessage?: string; variables?: Variables; worker?: string }): Promise<void> {
    await this.steps.transaction(async (em) => {
      const job = await this.lockedJob(em, id, input.worker);
      await this.steps.stepIn(em, job.process_instance_id!, {
        type: 'throw-error',
        jobId: id,
        errorCode: input.errorCode,
        ...(input.errorMessage ? { message: input.errorMessage } : {}),
        ...(input.variables ? { variables: input.variables } : {}),
      });
    });
  }

  /** Runs one due job of a built-in type, if there is one; true when it ran one. */
  async runOneBuiltIn(): Promise<boolean> {
    const now = this.steps.now();
    for (const worker of this.builtIn.values()) {
      // Locked in a short transaction of its own: an HTTP call must not hold the database while it waits.
      const lockedUntil = new Date(Date.parse(now) + 5 * 60_000).toISOString();
      const claimed = await this.steps.transaction(async (em) => {
        const [row] = await lockWorkJobs(em, worker.type, BUILT_IN_WORKER, 1, now, lockedUntil);
        return row ? { row, job: toRun(await this.view(em, row), row) } : undefined;
      });
      if (!claimed) continue;
      const outcome = worker.transactional ? undefined : await runSafely(worker, claimed.job, this.dataSource.manager);
      try {
        await this.steps.transaction(async (em) => {
          const job = await findJob(em, claimed.row.id, { forUpdate: true });
          // Cancelled meanwhile (the case moved on): nothing to do, and a mail is not written.
          if (!job || job.closed_at) return;
          await this.applyOutcome(em, job, outcome ?? (await runSafely(worker, claimed.job, em)));
        });
      } catch (err) {
        // The case could not take the outcome (say, the step it set off loops between processes): a failed
        // attempt like any other, so the job ends in an incident instead of being retried for ever.
        await this.steps.transaction(async (em) => {
          const job = await findJob(em, claimed.row.id, { forUpdate: true });
          if (!job || job.closed_at) return;
          const message = `${worker.type} task "${job.element_id}": the case could not go on: ${(err as Error).message}`;
          await this.recordFailure(em, job, job.retries - 1, message, builtInBackoffMs(job.retries));
        });
      }
      return true;
    }
    return false;
  }

  private async applyOutcome(em: EntityManager, job: JobRow, outcome: JobOutcome): Promise<void> {
    const instanceId = job.process_instance_id!;
    if (outcome.kind === 'complete') {
      await this.steps.stepIn(em, instanceId, { type: 'complete-job', jobId: job.id, variables: outcome.variables });
    } else if (outcome.kind === 'bpmn-error') {
      await this.steps.stepIn(em, instanceId, { type: 'throw-error', jobId: job.id, errorCode: outcome.errorCode, ...(outcome.message ? { message: outcome.message } : {}) });
    } else {
      await this.recordFailure(em, job, job.retries - 1, outcome.message, outcome.retryBackoffMs ?? builtInBackoffMs(job.retries));
    }
  }

  /** A failed attempt: retried after the backoff while retries remain, else an incident on the element. */
  private async recordFailure(em: EntityManager, job: JobRow, retries: number, message: string, backoffMs: number): Promise<void> {
    const now = this.steps.now();
    if (retries > 0) {
      await releaseJobForRetry(em, job.id, retries, new Date(Date.parse(now) + backoffMs).toISOString(), message);
      await insertHistory(em, job.process_instance_id!, [
        { type: 'job-failed', elementId: job.element_id, elementType: null, at: now, data: { jobId: job.id, message, retriesLeft: retries } },
      ]);
      return;
    }
    await this.steps.stepIn(em, job.process_instance_id!, { type: 'fail-job', jobId: job.id, message });
  }

  /** The job, locked for this transaction, provided it is open and this worker's lock on it still holds. */
  private async lockedJob(em: EntityManager, id: string, worker: string | undefined): Promise<JobRow> {
    const job = await findJob(em, id, { forUpdate: true });
    if (!job || job.kind !== 'work') throw new ApiError(404, 'not-found', `job ${id} does not exist`);
    if (job.closed_at) throw new ApiError(409, 'conflict', `job ${id} is already done`);
    const now = this.steps.now();
    if (!job.locked_until || new Date(job.locked_until).toISOString() < now) {
      throw new ApiError(409, 'conflict', `job ${id} is not locked by a worker (any more); activate it first`);
    }
    if (worker !== undefined && worker !== job.worker) throw new ApiError(409, 'conflict', `job ${id} is locked by another worker`);
    return job;
  }

  private async view(em: EntityManager, row: JobRow): Promise<JobView> {
    const instance = await findInstance(em, row.process_instance_id!);
    const token = instance?.state.tokens.find((candidate) => candidate.id === row.id);
    const variables = instance && token ? visibleVariables(instance.state, token.scopeId ?? token.parentScopeId) : {};
    return {
      id: row.id,
      type: row.type!,
      processInstanceId: row.process_instance_id!,
      elementId: row.element_id,
      variables,
      retries: row.retries,
      customHeaders: row.headers,
      deadline: row.locked_until ? new Date(row.locked_until).toISOString() : null,
    };
  }
}

function toRun(view: JobView, row: JobRow): JobToRun {
  return { id: view.id, type: view.type, processInstanceId: view.processInstanceId, elementId: view.elementId, variables: view.variables, headers: row.headers, retries: row.retries };
}

/** A worker that throws has failed this attempt; its message is what the process owner sees. */
async function runSafely(worker: BuiltInWorker, job: JobToRun, em: EntityManager): Promise<JobOutcome> {
  try {
    return await worker.run(job, em);
  } catch (err) {
    return { kind: 'fail', message: `${worker.type} failed: ${(err as Error).message}` };
  }
}
