import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { evaluateExpression, firstDue, nextDueFrom, parseTimerSchedule, type ProcessModel, type StartEventElement, type TimerSchedule, type ValueSource } from '../../../engine/src/index.js';
import { closeStartJobsOfOtherVersions, insertStartTimerJob } from '../persistence/repositories/jobs.js';
import { deleteStartSubscriptionsOfOtherVersions, insertStartSubscription } from '../persistence/repositories/subscriptions.js';

/**
 * A process's timer, message and signal start events belong to its latest version: when a version is
 * deployed, its start timers are scheduled and its start subscriptions opened, and those of older
 * versions of the same key closed, in the deployment's transaction.
 */
export async function registerStartEvents(em: EntityManager, definition: { id: string; key: string }, model: ProcessModel, now: string): Promise<void> {
  await closeStartJobsOfOtherVersions(em, definition.key, definition.id, now);
  await deleteStartSubscriptionsOfOtherVersions(em, definition.key, definition.id);
  for (const start of startEvents(model)) {
    const { event } = start;
    if (event.type === 'timer') {
      const dueAt = firstDue(startSchedule(start), now);
      if (dueAt !== null) await insertStartTimerJob(em, definition.id, { id: randomUUID(), elementId: start.id, dueAt }, { fired: '0' }, now);
    } else if (event.type === 'message' || event.type === 'signal') {
      const name = staticText(event.type === 'message' ? event.messageName : event.signalName);
      await insertStartSubscription(em, definition.id, { id: randomUUID(), kind: event.type, name, elementId: start.id }, now);
    }
  }
}

/** After a start timer fired at `dueAt` for the `fired`-th time: when it fires next and with what count, or null when done. */
export function nextStartDue(start: StartEventElement, dueAt: string, fired: number, now: string): { dueAt: string; fired: number } | null {
  return nextDueFrom(startSchedule(start), dueAt, fired, now);
}

function startEvents(model: ProcessModel): StartEventElement[] {
  return model.startEventIds.map((id) => model.elements.get(id)).filter((e): e is StartEventElement => e?.kind === 'startEvent');
}

function startSchedule(start: StartEventElement): TimerSchedule {
  if (start.event.type !== 'timer') throw new Error(`${start.id} is not a timer start event`);
  return parseTimerSchedule(start.event.timerKind, staticText(start.event.source));
}

/** A start event has no case yet, so its FEEL sees no variables (e.g. `=date and time("2027-01-01T09:00:00Z")`). */
function staticText(source: ValueSource): string {
  if (source.kind === 'literal') return source.value;
  const { value } = evaluateExpression(source.expression, {});
  return typeof value === 'string' ? value : JSON.stringify(value);
}
