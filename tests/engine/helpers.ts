import { compileBpmn, step, versionInForce, type Budget, type CompiledDecision, type Command, type DecisionVersion, type Effect, type HistoryEvent, type InstanceState, type ModelProblem, type OpenedTask, type ProcessModel, type Variables } from '../../engine/src/index.js';
import type { HolidayCalendar } from '../../engine/src/timers/holidays.js';

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:loket="https://loket.dev/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A BPMN document with one executable process "p" around the given elements (no diagram: the engine needs none); messages, signals and errors go in `rootElements`. */
export function bpmn(body: string, { laneSet = '', rootElements = '' }: { laneSet?: string; rootElements?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NAMESPACES} id="defs" targetNamespace="http://loket.test">
  ${rootElements}
  <bpmn:process id="p" name="Test process" isExecutable="true">
${laneSet}
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

export function flow(id: string, from: string, to: string, condition?: string): string {
  const body = condition
    ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(condition)}</bpmn:conditionExpression>`
    : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;
}

/** Flows through a chain of element ids: chain('s', 't', 'e') → s→t→e. */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((id, i) => flow(`f_${ids[i]}_${id}`, ids[i]!, id)).join('\n');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function problemsOf(xml: string, deployed: { decisions?: string[]; forms?: string[] } = {}): Promise<ModelProblem[]> {
  const result = await compileBpmn(xml, {
    hasDecision: (id) => (deployed.decisions ?? []).includes(id),
    hasForm: (key) => (deployed.forms ?? []).includes(key),
  });
  return result.problems;
}

export async function compile(xml: string, deployed: { decisions?: string[]; forms?: string[] } = {}): Promise<ProcessModel> {
  const result = await compileBpmn(xml, {
    hasDecision: (id) => (deployed.decisions ?? []).includes(id),
    hasForm: (key) => (deployed.forms ?? []).includes(key),
  });
  if (result.problems.length > 0) throw new Error(`model does not compile: ${JSON.stringify(result.problems)}`);
  return result.processes[0]!;
}

/**
 * Drives one case through the pure engine the way the server does: it keeps the state between steps
 * and the open tasks from the effects.
 */
export class TestCase {
  state: InstanceState | null = null;
  readonly effects: Effect[] = [];
  readonly tasks = new Map<string, OpenedTask>();
  clock = Date.parse('2026-01-05T09:00:00Z');
  /** The host's time budget for looping FEEL and decisions; none by default. */
  budget?: Budget;
  /** Whose public holidays working days pass over; none by default. */
  holidays?: HolidayCalendar;

  constructor(
    readonly model: ProcessModel,
    /** Decisions by id; several versions of one id are chosen between as the server does (versionInForce). */
    readonly decisions: (CompiledDecision | DecisionVersion)[] = [],
  ) {}

  send(command: Command): this {
    const result = step(this.model, this.state, command, {
      now: new Date(this.clock).toISOString(),
      decision: (id, at) => {
        const versions = this.decisions.map((d) => ('decision' in d ? d : { decision: d, version: 1 })).filter((v) => v.decision.id === id);
        return versionInForce(versions, at);
      },
      ...(this.budget ? { budget: this.budget } : {}),
      ...(this.holidays ? { holidays: this.holidays } : {}),
    });
    this.clock += 1000;
    this.state = result.state;
    this.effects.push(...result.effects);
    for (const effect of result.effects) {
      if (effect.type === 'task-opened') this.tasks.set(effect.task.id, effect.task);
      if (effect.type === 'task-closed') this.tasks.delete(effect.taskId);
    }
    return this;
  }

  start(variables: Variables = {}): this {
    return this.send({ type: 'start', instanceId: 'case1', variables });
  }

  /** The one open task at this element. */
  task(elementId: string): OpenedTask {
    const found = [...this.tasks.values()].filter((task) => task.elementId === elementId);
    if (found.length !== 1) throw new Error(`expected one open task at ${elementId}, found ${found.length}`);
    return found[0]!;
  }

  complete(elementId: string, variables: Variables = {}, user = 'tester'): this {
    return this.send({ type: 'complete-task', taskId: this.task(elementId).id, variables, user });
  }

  get variables(): Variables {
    return this.state!.scopes[this.state!.id]!.variables;
  }

  get status(): string {
    return this.state!.status;
  }

  openTaskElements(): string[] {
    return [...this.tasks.values()].map((task) => task.elementId).sort();
  }

  history(): HistoryEvent[] {
    return this.effects.flatMap((effect) => (effect.type === 'history' ? [effect.event] : []));
  }

  /** Element ids in the order they completed. */
  completedElements(): string[] {
    return this.history().filter((event) => event.type === 'element-completed').map((event) => event.elementId!);
  }
}
