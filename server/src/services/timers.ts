import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { closeJob, insertTimerJob, lockDueTimer, type JobRow } from '../persistence/repositories/jobs.js';
import { processDefinitionById } from '../persistence/repositories/definitions.js';
import type { CaseSteps } from './case-steps.js';
import type { Catalog } from './catalog.js';
import { nextStartDue } from './start-events.js';

/**
 * Fires due timers, one transaction each. The timer row is taken with FOR UPDATE SKIP LOCKED and closed in
 * the same transaction as the step it causes, so with any number of server processes each fires once; a
 * timer that came due while no server ran fires at the next start.
 */
export class TimerService {
  constructor(
    private readonly steps: CaseSteps,
    private readonly catalog: Catalog,
  ) {}

  /** Fires one due timer, if there is one; true when it did. */
  async fireOne(): Promise<boolean> {
    return this.steps.transaction(async (em) => {
      const now = this.steps.now();
      const timer = await lockDueTimer(em, now);
      if (!timer) return false;
      await closeJob(em, timer.id, now);
      if (timer.process_instance_id) {
        // The case may have moved past the timer meanwhile; then the engine refuses and nothing happens.
        await this.steps.tolerateGone(() => this.steps.stepIn(em, timer.process_instance_id!, { type: 'trigger', subscriptionId: timer.subscription_id! }));
      } else {
        await this.startByTimer(em, timer, now);
      }
      return true;
    });
  }

  private async startByTimer(em: EntityManager, timer: JobRow, now: string): Promise<void> {
    const definition = await processDefinitionById(em, timer.definition_id!);
    if (!definition) return;
    await this.steps.startIn(em, definition, { startEventId: timer.element_id });
    const model = await this.catalog.model(definition);
    const start = model.elements.get(timer.element_id);
    if (start?.kind !== 'startEvent') return;
    const fired = Number(timer.headers.fired ?? '0') + 1;
    const next = nextStartDue(start, new Date(timer.due_at).toISOString(), fired, now);
    if (next !== null) {
      await insertTimerJob(em, { definitionId: definition.id }, { id: randomUUID(), elementId: start.id, dueAt: next }, { fired: String(fired) }, now);
    }
  }
}
