import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { compileBpmn, step, type Effect, type InstanceState, type ProcessModel, type StepContext } from '../../engine/src/index.js';
import { measure, settledHeap, type MeasureOptions } from '../measure.js';
import type { Row } from '../report.js';

export const LOKET_MODEL = readFileSync(new URL('../models/loket.bpmn', import.meta.url), 'utf8');
const BPMN_ENGINE_MODEL = readFileSync(new URL('../models/bpmn-engine.bpmn', import.meta.url), 'utf8');
const CONTEXT: StepContext = { now: '2026-12-01T09:00:00.000Z', decision: () => undefined };

export async function loketModel(): Promise<ProcessModel> {
  const { processes, problems } = await compileBpmn(LOKET_MODEL, { hasDecision: () => false, hasForm: () => false });
  if (problems.length > 0) throw new Error(`the bench model does not compile: ${JSON.stringify(problems)}`);
  return processes[0]!;
}

function openedTask(effects: Effect[]): string {
  const opened = effects.find((e): e is Extract<Effect, { type: 'task-opened' }> => e.type === 'task-opened');
  if (!opened) throw new Error('expected a task to open');
  return opened.task.id;
}

/** One case to its first user task, in the pure engine: what a waiting instance holds. */
function loketStart(model: ProcessModel, n: number): { state: InstanceState; taskId: string } {
  const started = step(model, null, { type: 'start', instanceId: `case-${n}`, variables: { afdeling: 'burgerzaken' } }, CONTEXT);
  return { state: started.state, taskId: openedTask(started.effects) };
}

/** start, complete the intake (the gateway goes on), complete the decision: the case ends. */
function loketInstance(model: ProcessModel, n: number): void {
  const { state, taskId } = loketStart(model, n);
  const intake = step(model, state, { type: 'complete-task', taskId, variables: { volledig: true } }, CONTEXT);
  const done = step(model, intake.state, { type: 'complete-task', taskId: openedTask(intake.effects) }, CONTEXT);
  if (done.state.status !== 'completed') throw new Error(`the case ended ${done.state.status}`);
}

type Moddle = Awaited<ReturnType<BpmnModdle['fromXML']>>;

async function bpmnEngineStart(moddleContext: Moddle, n: number) {
  const engine = new Engine({ name: `case-${n}`, moddleContext: moddleContext as never });
  const execution = await engine.execute();
  return { engine, execution };
}

/** The same three steps in bpmn-engine: its user task takes the variable through its environment, as Loket's task completion does. */
async function bpmnEngineInstance(moddleContext: Moddle, n: number): Promise<void> {
  const { engine, execution } = await bpmnEngineStart(moddleContext, n);
  const ended = engine.waitFor('end');
  const [intake] = execution.getPostponed();
  intake!.environment.variables.volledig = true;
  intake!.signal({});
  let decide = execution.getPostponed()[0];
  while (!decide || decide.id !== 'beslissen') {
    await new Promise((resolve) => setImmediate(resolve));
    decide = execution.getPostponed()[0];
  }
  decide.signal({});
  await ended;
}

async function heapPerWaiting<T>(count: number, create: (n: number) => T | Promise<T>): Promise<number> {
  const kept: T[] = [];
  const before = settledHeap();
  for (let n = 0; n < count; n++) kept.push(await create(n));
  const after = settledHeap();
  if (kept.length !== count) throw new Error('lost instances');
  return (after - before) / count;
}

/** W1: the pure engine against bpmn-engine, the same model and steps in the same process. */
export async function engineAlone(options: MeasureOptions & { waiting: number }): Promise<Row[]> {
  const model = await loketModel();
  const moddleContext = await new BpmnModdle().fromXML(BPMN_ENGINE_MODEL);
  let counter = 0;
  const loket = await measure(() => loketInstance(model, counter++), { ...options, concurrency: 1 });
  const other = await measure(() => bpmnEngineInstance(moddleContext, counter++), { ...options, concurrency: 1 });
  const loketHeap = await heapPerWaiting(options.waiting, (n) => loketStart(model, n));
  const otherHeap = await heapPerWaiting(options.waiting, (n) => bpmnEngineStart(moddleContext, n));
  const speed = loket.perSecond / other.perSecond;
  const memory = otherHeap / loketHeap;
  return [
    {
      workload: 'W1 engine alone',
      metric: 'instances/s (3 steps)',
      loket: loket.perSecond,
      comparison: other.perSecond,
      comparisonLabel: 'bpmn-engine',
      ratio: speed,
      p50Ms: loket.p50Ms,
      p99Ms: loket.p99Ms,
      target: '≥ 20× bpmn-engine',
      met: speed >= 20,
    },
    {
      workload: 'W1 engine alone',
      metric: `heap bytes per waiting instance (${options.waiting})`,
      loket: loketHeap,
      comparison: otherHeap,
      comparisonLabel: 'bpmn-engine',
      ratio: memory,
      target: '≤ 1/20 of bpmn-engine',
      met: memory >= 20,
    },
  ];
}
