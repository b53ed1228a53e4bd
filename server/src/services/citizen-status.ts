import type { DataSource } from 'typeorm';
import type { FlowElement, InstanceState, ProcessModel } from '../../../engine/src/index.js';
import { query } from '../persistence/prepared.js';
import { findInstance, instanceHistory, rootVariables, type InstanceRow } from '../persistence/repositories/instances.js';
import type { CaseSteps } from './case-steps.js';
import type { Catalog } from './catalog.js';
import { CITIZEN_HERSELF, requesterIn, type ContactService } from './contacts.js';

/** Where a case stands, as its citizen may see it: the labelled steps only, never data, people or notes. */
export interface CitizenStatus {
  trackingCode: string;
  title: string;
  /** `in-progress` also while a step is stuck: a citizen is not told of the municipality's incidents. */
  status: 'in-progress' | 'completed' | 'stopped';
  /** `expected`: when a current step is due (its task's due date: a deadline, or a planned date). */
  steps: { label: string; state: 'done' | 'current' | 'upcoming'; at?: string; expected?: string }[];
  /** What the citizen may do on the case now (a step waiting for her message with a loket:citizenAction). */
  actions: CitizenAction[];
}

/** A button on the status page; `id` is the step that waits for it. */
export interface CitizenAction {
  id: string;
  label: string;
}

/** What came of a citizen's action: done, no such case, or not (or no longer) offered on it. */
export type ActionOutcome = 'done' | 'unknown-case' | 'not-offered';

const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** "k7qm 4xpr 9dta", "K7QM4XPR9DTA" → "K7QM-4XPR-9DTA": a code as the citizen may type it. */
export function normalTrackingCode(typed: string): string | undefined {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  const code = letters.length === 12 ? `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}` : letters;
  return CODE.test(code) ? code : undefined;
}

/** What follows an element: its flows' targets, its boundary events, and the start of what it contains. */
function next(model: ProcessModel, element: FlowElement): string[] {
  const targets = element.outgoing.map((id) => model.flows.get(id)?.targetId).filter((id): id is string => id !== undefined);
  const inner = 'startEventId' in element && typeof element.startEventId === 'string' ? [element.startEventId] : [];
  return [...targets, ...element.boundaryEventIds, ...inner];
}

/** Every element reachable from these, themselves included. */
function reachable(model: ProcessModel, from: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const element = model.elements.get(id);
    if (element) queue.push(...next(model, element));
  }
  return seen;
}

/**
 * The elements with a citizen's label in the order of the process: depth first from the start, each flow in
 * the model's order, so one path reads to its end before the next (the usual way, then the alternatives).
 */
function labelledInOrder(model: ProcessModel): FlowElement[] {
  const order: FlowElement[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const element = model.elements.get(current);
      if (seen.has(current) || !element) continue;
      seen.add(current);
      if (element.publicLabel) order.push(element);
      stack.push(...next(model, element).reverse());
    }
  };
  for (const id of model.startEventIds) visit(id);
  // Labelled elements no start reaches (event subprocesses) come last, in the model's order.
  for (const element of model.elements.values()) if (element.publicLabel && !seen.has(element.id)) order.push(element);
  return order;
}

/**
 * The steps of a case for its citizen: each labelled step done (with when), current (since when) or still to
 * come (only those the case can still reach). Steps with the same label are one step for the citizen: the tasks
 * of parallel departments under one label give one status. They read as a timeline: what was done in the order
 * it was done, then what is going on, then what may still come in the order of the process.
 */
export function citizenSteps(
  model: ProcessModel,
  ended: boolean,
  active: readonly string[],
  history: { type: string; element_id: string | null; at: Date }[],
  dueOf: ReadonlyMap<string, Date> = new Map(),
): CitizenStatus['steps'] {
  const completedAt = new Map<string, Date>();
  const activatedAt = new Map<string, Date>();
  // Steps of one request share their moment; the history's order says which came first.
  const sequence = new Map<string, number>();
  for (const [index, event] of history.entries()) {
    if (!event.element_id) continue;
    sequence.set(event.element_id, index);
    if (event.type === 'element-completed') completedAt.set(event.element_id, new Date(event.at));
    if (event.type === 'element-activated') activatedAt.set(event.element_id, new Date(event.at));
  }
  const ahead = ended ? new Set<string>() : reachable(model, active);
  const steps: CitizenStatus['steps'] = [];
  const byLabel = new Map<string, number>();
  const stepSequence = new Map<CitizenStatus['steps'][number], number>();
  for (const element of labelledInOrder(model)) {
    const state = active.includes(element.id) ? 'current' : completedAt.has(element.id) ? 'done' : ahead.has(element.id) ? 'upcoming' : undefined;
    if (!state) continue;
    const at = state === 'current' ? activatedAt.get(element.id) : state === 'done' ? completedAt.get(element.id) : undefined;
    const due = state === 'current' ? dueOf.get(element.id) : undefined;
    const step = { label: element.publicLabel!, state, ...(at ? { at: at.toISOString() } : {}), ...(due ? { expected: due.toISOString() } : {}) } as CitizenStatus['steps'][number];
    stepSequence.set(step, sequence.get(element.id) ?? 0);
    const index = byLabel.get(step.label);
    if (index === undefined) {
      byLabel.set(step.label, steps.push(step) - 1);
      continue;
    }
    // One step for the citizen: current wins (the earliest since, the latest expected), then done (the latest moment).
    const kept = steps[index]!;
    const rank = { current: 2, done: 1, upcoming: 0 };
    if (rank[step.state] > rank[kept.state]) steps[index] = step;
    else if (step.state === kept.state && step.state === 'done' && (step.at ?? '') > (kept.at ?? '')) steps[index] = step;
    else if (step.state === kept.state && step.state === 'current') {
      const since = [kept.at, step.at].filter((x): x is string => !!x).sort()[0];
      const expected = [kept.expected, step.expected].filter((x): x is string => !!x).sort().at(-1);
      steps[index] = { label: kept.label, state: 'current', ...(since ? { at: since } : {}), ...(expected ? { expected } : {}) };
      stepSequence.set(steps[index]!, Math.min(stepSequence.get(kept)!, stepSequence.get(step)!));
    }
  }
  const order = { done: 0, current: 1, upcoming: 2 };
  // Stable: upcoming steps (no moment) keep the process's order.
  return steps.sort(
    (a, b) =>
      order[a.state] - order[b.state] ||
      (a.state === 'upcoming' ? 0 : (a.at ?? '').localeCompare(b.at ?? '') || stepSequence.get(a)! - stepSequence.get(b)!),
  );
}

/** The citizen's actions a case offers now: each step waiting for a message that has one, once. */
export function citizenActions(model: ProcessModel, state: InstanceState): CitizenAction[] {
  const actions = new Map<string, CitizenAction>();
  for (const subscription of state.subscriptions) {
    const element = model.elements.get(subscription.elementId);
    if (subscription.kind === 'message' && element?.citizenAction) actions.set(element.id, { id: element.id, label: element.citizenAction });
  }
  return [...actions.values()];
}

export class CitizenStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
    private readonly steps: CaseSteps,
    private readonly contacts: ContactService,
  ) {}

  private async caseByCode(typed: string) {
    const code = normalTrackingCode(typed);
    if (!code) return undefined;
    const em = this.dataSource.manager;
    const [row] = await query<InstanceRow>(em, 'SELECT * FROM process_instances WHERE tracking_code = $1', [code]);
    const definition = row && (await this.catalog.definition(em, row.definition_id));
    if (!row || !definition) return undefined;
    return { code, row, definition, model: await this.catalog.model(definition) };
  }

  /** The due dates of the case's open tasks, by element. */
  private async dueDates(caseId: string): Promise<Map<string, Date>> {
    const rows = await query<{ element_id: string; due_date: Date }>(
      this.dataSource.manager,
      `SELECT element_id, min(due_date) AS due_date FROM tasks WHERE process_instance_id = $1 AND state = 'open' AND due_date IS NOT NULL GROUP BY element_id`,
      [caseId],
    );
    return new Map(rows.map((row) => [row.element_id, new Date(row.due_date)]));
  }

  /** The status of the case with this tracking code; undefined when there is none. */
  async byCode(typed: string): Promise<CitizenStatus | undefined> {
    const found = await this.caseByCode(typed);
    if (!found) return undefined;
    const { code, row, definition, model } = found;
    const ended = row.status === 'completed' || row.status === 'terminated';
    const active = [...new Set(row.state.tokens.map((token) => token.elementId))];
    return {
      trackingCode: code,
      title: definition.name || definition.key,
      status: row.status === 'completed' ? 'completed' : row.status === 'terminated' ? 'stopped' : 'in-progress',
      steps: citizenSteps(model, ended, active, await instanceHistory(this.dataSource.manager, row.id), await this.dueDates(row.id)),
      actions: citizenActions(model, row.state),
    };
  }

  /**
   * The citizen takes an action her status page offers: the message its step waits for is delivered to her
   * case, and the contact lands on her case file (channel web), both or neither. An action taken twice, or
   * after its step stopped waiting (the deadline passed), is not offered any more.
   */
  async act(typed: string, actionId: string): Promise<ActionOutcome> {
    const found = await this.caseByCode(typed);
    if (!found) return 'unknown-case';
    const { row, model } = found;
    const action = citizenActions(model, row.state).find((offered) => offered.id === actionId);
    if (!action) return 'not-offered';
    const delivered = await this.steps.transaction(async (em) => {
      // Read again with the row locked: another click, or the deadline's timer, may have come first.
      const current = await findInstance(em, row.id, { forUpdate: true });
      const subscription = current?.state.subscriptions.find((waiting) => waiting.kind === 'message' && waiting.elementId === action.id);
      if (!subscription) return false;
      await this.steps.stepIn(em, row.id, { type: 'trigger', subscriptionId: subscription.id });
      // A service whose start form names nobody has no party to put the contact on.
      const requester = await requesterIn(em, model, rootVariables(current!.state));
      if (requester) await this.contacts.registerIn(em, { channel: 'web', subject: action.label, text: '', processInstanceId: row.id, party: requester }, CITIZEN_HERSELF);
      return true;
    });
    return delivered ? 'done' : 'not-offered';
  }

}
