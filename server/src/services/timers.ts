import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { closeJob, insertTimerJob, lockDueTimer, postponeTimer, type JobRow } from '../persistence/repositories/jobs.js';
import { insertHistory } from '../persistence/repositories/instances.js';
import type { CaseSteps } from './case-steps.js';
import type { Catalog } from './catalog.js';
import { nextStartDue } from './start-events.js';

/** A timer whose step failed is tried again after 1 minute, then 2, 4 … at most an hour. */
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;

/**
 * Fires due timers, one transaction each. The timer row is taken with FOR UPDATE SKIP LOCKED and closed in
 * the same transaction as the step it causes, so with any number of server processes each fires once; a
 * timer that came due while no server ran fires at the next start.
 */
export class TimerService {
  constructor(
    private readonly steps: CaseSteps,
    private readonly catalog: Catalog,
    private readonly log: (message: string, err: unknown) => void = (message, err) => console.error(message, err),
  ) {}

  /** Fires one due timer, if there is one; true when it did, or tried and put it off because its step failed. */
  async fireOne(): Promise<boolean> {
    let taken: JobRow | undefined;
    try {
      return await this.steps.transaction(async (em) => {
        const now = this.steps.now();
        const timer = await lockDueTimer(em, now);
        if (!timer) return false;
        taken = timer;
        await this.fire(em, timer, now);
        return true;
      });
    } catch (err) {
      if (!taken) throw err;
      // Rolled back, the timer would be the first due one again at once and hold up every timer behind it.
      await this.postpone(taken, err as Error);
      return true;
    }
  }

  private async fire(em: EntityManager, timer: JobRow, now: string): Promise<void> {
    await closeJob(em, timer.id, now);
    if (timer.process_instance_id) {
      // The case may have moved past the timer meanwhile; then the engine refuses and nothing happens.
      await this.steps.tolerateGone(() => this.steps.stepIn(em, timer.process_instance_id!, { type: 'trigger', subscriptionId: timer.subscription_id! }));
    } else {
      await this.startByTimer(em, timer, now);
    }
  }

  /**
   * The engine has no incident for a timer, so a timer whose step fails (say, a signal it sets off loops
   * between processes) is tried again later, ever less often, and the failure is written in the case's
   * history and the log.
   */
  private async postpone(timer: JobRow, err: Error): Promise<void> {
    const failures = Number(timer.headers.failures ?? '0') + 1;
    const now = this.steps.now();
    const retryAt = new Date(Date.parse(now) + Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS)).toISOString();
    const message = `the timer at ${timer.element_id} could not fire: ${err.message}`;
    await this.steps.transaction(async (em) => {
      await postponeTimer(em, timer.id, retryAt, message, failures);
      if (timer.process_instance_id) {
        await insertHistory(em, timer.process_instance_id, [
          { type: 'job-failed', elementId: timer.element_id, elementType: null, at: now, data: { jobId: timer.id, message, retryAt } },
        ]);
      }
    });
    this.log(`Een timer (${timer.element_id}) kon niet afgaan en wordt om ${retryAt} opnieuw geprobeerd.`, err);
  }

  private async startByTimer(em: EntityManager, timer: JobRow, now: string): Promise<void> {
    const definition = await this.catalog.definition(em, timer.definition_id!);
    if (!definition) return;
    await this.steps.startIn(em, definition, { startEventId: timer.element_id });
    const model = await this.catalog.model(definition);
    const start = model.elements.get(timer.element_id);
    if (start?.kind !== 'startEvent') return;
    const fired = Number(timer.headers.fired ?? '0') + 1;
    const next = nextStartDue(start, new Date(timer.due_at).toISOString(), fired, now);
    if (next !== null) {
      await insertTimerJob(em, { definitionId: definition.id }, { id: randomUUID(), elementId: start.id, dueAt: next.dueAt }, { fired: String(next.fired) }, now);
    }
  }
}
