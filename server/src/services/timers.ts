import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { closeJob, findJob, insertStartTimerJob, leaseDueTimers, postponeTimer, type JobRow, type LeasedTimer } from '../persistence/repositories/jobs.js';
import { insertHistory } from '../persistence/repositories/instances.js';
import type { CaseSteps } from './case-steps.js';
import type { Catalog } from './catalog.js';
import { nextStartDue } from './start-events.js';

/** A timer whose step failed is tried again after 1 minute, then 2, 4 … at most an hour. */
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;

/** How many due timers a runner takes at once, and for how long they are its own. */
const BATCH = 16;
const LEASE_MS = 60_000;

/**
 * Fires due timers. A runner leases a batch of due timers in one round trip, then fires each: a timer of a case
 * is one optimistic step of that case (the case's row version lets only one firing through, and the step closes
 * the timer); a start timer is closed and its case started in one transaction, its row locked. So with any
 * number of server processes each timer fires once; a timer that came due while no server ran fires at the
 * next start.
 */
export class TimerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    private readonly catalog: Catalog,
    private readonly log: (message: string, err: unknown) => void = (message, err) => console.error(message, err),
  ) {}

  /** Fires up to `limit` due timers; how many it took (fired, found already past, or put off because the step failed). */
  async fireDue(limit = BATCH): Promise<number> {
    const now = this.steps.now();
    const leaseUntil = new Date(Date.parse(now) + LEASE_MS).toISOString();
    const timers = await leaseDueTimers(this.dataSource.manager, now, leaseUntil, limit);
    for (const timer of timers) {
      try {
        await this.fire(timer);
      } catch (err) {
        await this.postpone(timer, err as Error);
      }
    }
    return timers.length;
  }

  private async fire(timer: LeasedTimer): Promise<void> {
    if (!timer.process_instance_id) {
      await this.steps.transaction(async (em) => {
        const current = await findJob(em, timer.id, { forUpdate: true });
        // Another runner took it over after this lease ran out, and fired it.
        if (!current || current.closed_at) return;
        const now = this.steps.now();
        await closeJob(em, timer.id, now);
        await this.startByTimer(em, timer, now);
      });
      return;
    }
    const trigger = { type: 'trigger', subscriptionId: timer.subscription_id! } as const;
    const stepped = await this.steps.tolerateGone(() => this.steps.run(timer.process_instance_id!, trigger, timer.case ? { instance: timer.case } : undefined));
    // The case moved past the timer meanwhile (or another runner fired it): all that is left is to close it.
    if (!stepped) await closeJob(this.dataSource.manager, timer.id, this.steps.now());
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
      await insertStartTimerJob(em, definition.id, { id: randomUUID(), elementId: start.id, dueAt: next.dueAt }, { fired: String(next.fired) }, now);
    }
  }
}
