import type { FlowElement, ProcessModel } from '../../../engine/src/index.js';
import { instanceHistory } from '../persistence/repositories/instances.js';
import { query } from '../persistence/prepared.js';
import type { DataSource } from 'typeorm';
import type { Catalog } from './catalog.js';
import type { InstanceRow } from '../persistence/repositories/instances.js';

/** Where a case stands, as its citizen may see it: the labelled steps only, never data, people or notes. */
export interface CitizenStatus {
  trackingCode: string;
  title: string;
  /** `in-progress` also while a step is stuck: a citizen is not told of the municipality's incidents. */
  status: 'in-progress' | 'completed' | 'stopped';
  /** `expected`: when a current step is due (its task's due date: a deadline, or a planned date). */
  steps: { label: string; state: 'done' | 'current' | 'upcoming'; at?: string; expected?: string }[];
}

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
 * come (only those the case can still reach); steps in a row with the same label are one step.
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
  for (const event of history) {
    if (!event.element_id) continue;
    if (event.type === 'element-completed') completedAt.set(event.element_id, new Date(event.at));
    if (event.type === 'element-activated') activatedAt.set(event.element_id, new Date(event.at));
  }
  const ahead = ended ? new Set<string>() : reachable(model, active);
  const steps: CitizenStatus['steps'] = [];
  for (const element of labelledInOrder(model)) {
    const state = active.includes(element.id) ? 'current' : completedAt.has(element.id) ? 'done' : ahead.has(element.id) ? 'upcoming' : undefined;
    if (!state) continue;
    const at = state === 'current' ? activatedAt.get(element.id) : state === 'done' ? completedAt.get(element.id) : undefined;
    const due = state === 'current' ? dueOf.get(element.id) : undefined;
    const step = { label: element.publicLabel!, state, ...(at ? { at: at.toISOString() } : {}), ...(due ? { expected: due.toISOString() } : {}) } as CitizenStatus['steps'][number];
    const previous = steps[steps.length - 1];
    if (previous?.label !== step.label) {
      steps.push(step);
      continue;
    }
    // One step for the citizen: current wins, then the latest moment.
    const rank = { current: 2, done: 1, upcoming: 0 };
    if (rank[step.state] > rank[previous.state] || (step.state === previous.state && (step.at ?? '') > (previous.at ?? ''))) steps[steps.length - 1] = step;
  }
  return steps;
}

export class CitizenStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Catalog,
  ) {}

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
    const code = normalTrackingCode(typed);
    if (!code) return undefined;
    const em = this.dataSource.manager;
    const [row] = await query<InstanceRow>(em, 'SELECT * FROM process_instances WHERE tracking_code = $1', [code]);
    if (!row) return undefined;
    const definition = await this.catalog.definition(em, row.definition_id);
    if (!definition) return undefined;
    const model = await this.catalog.model(definition);
    const ended = row.status === 'completed' || row.status === 'terminated';
    const active = [...new Set(row.state.tokens.map((token) => token.elementId))];
    return {
      trackingCode: code,
      title: definition.name || definition.key,
      status: row.status === 'completed' ? 'completed' : row.status === 'terminated' ? 'stopped' : 'in-progress',
      steps: citizenSteps(model, ended, active, await instanceHistory(em, row.id), await this.dueDates(row.id)),
    };
  }
}
