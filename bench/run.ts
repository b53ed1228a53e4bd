import { mkdirSync, writeFileSync } from 'node:fs';
import { table, type Row } from './report.js';
import { databaseKind, startBenchServer } from './server.js';
import { dmn } from './workloads/dmn.js';
import { engineAlone } from './workloads/engine.js';
import { measureInTurns } from './measure.js';
import { httpClients, httpRow } from './workloads/http.js';
import { caseThroughServices, databaseCeiling, persistedRow } from './workloads/persisted.js';
import { timers } from './workloads/timers.js';
import { waiting } from './workloads/waiting.js';

/** Full size (npm run bench) or a short run that only proves every workload works (--quick, used by the tests). */
export interface BenchSize {
  warmupMs: number;
  durationMs: number;
  /** W1: waiting instances kept to weigh the heap (bpmn-engine holds about 0.75 MB each, so not too many). */
  heapInstances: number;
  /** W4: waiting cases before and after. */
  waitingSmall: number;
  waitingLarge: number;
  /** W5: timers due at one moment. */
  timers: number;
}

export const FULL: BenchSize = { warmupMs: 2000, durationMs: 10_000, heapInstances: 2000, waitingSmall: 1000, waitingLarge: 100_000, timers: 10_000 };
export const QUICK: BenchSize = { warmupMs: 200, durationMs: 1000, heapInstances: 500, waitingSmall: 100, waitingLarge: 600, timers: 200 };

export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Runs the workloads in one process, one after the other, and gives their rows. */
export async function runBench(size: BenchSize, only: readonly Workload[] = WORKLOADS, log: (line: string) => void = () => {}): Promise<Row[]> {
  const rows: Row[] = [];
  const timing = { warmupMs: size.warmupMs, durationMs: size.durationMs };
  const step = async (name: Workload, run: () => Promise<Row[]>) => {
    if (!only.includes(name)) return;
    log(`${name} …`);
    rows.push(...(await run()));
  };
  await step('W1', () => engineAlone({ ...timing, concurrency: 1, waiting: size.heapInstances }));
  await step('W6', () => dmn({ ...timing, concurrency: 1 }));
  if (only.some((w) => w === 'W2' || w === 'W3')) {
    // W2, its database ceiling and W3 are measured in turns, so their ratios hold on a host whose speed drifts.
    const server = await startBenchServer();
    const concurrency = 8;
    const ceiling = await databaseCeiling(server.running.services, concurrency);
    try {
      const cases = (_loop: number) => caseThroughServices(server.running.services);
      const http = only.includes('W3') ? await httpClients(server.running, concurrency) : undefined;
      log(`${http ? 'W2, its ceiling and W3' : 'W2 and its ceiling'} in turns …`);
      try {
        const [persisted, limit, overHttp] = await measureInTurns(http ? [cases, ceiling.transaction, http.run] : [cases, ceiling.transaction], { ...timing, concurrency });
        if (only.includes('W2')) rows.push(persistedRow(persisted!, limit!, databaseKind(), concurrency));
        if (http) rows.push(httpRow(overHttp!, persisted!, concurrency));
      } finally {
        await http?.stop();
      }
    } finally {
      await ceiling.drop();
      await server.close();
    }
  }
  await step('W4', async () => {
    const server = await startBenchServer();
    try {
      return await waiting(server.running, size.waitingSmall, size.waitingLarge);
    } finally {
      await server.close();
    }
  });
  await step('W5', () => timers(size.timers));
  return rows;
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const size = args.includes('--quick') ? QUICK : FULL;
  const only = args.filter((a) => !a.startsWith('--')).flatMap((a) => a.split(',')) as Workload[];
  const started = Date.now();
  const rows = await runBench(size, only.length > 0 ? only : WORKLOADS, (line) => console.error(line));
  console.log(`Loket benchmark on ${databaseKind()}, ${size === QUICK ? 'quick' : 'full'} size, node ${process.version}, ${new Date().toISOString()}`);
  console.log(table(rows));
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const output = new URL('results/latest.json', import.meta.url);
  writeFileSync(output, `${JSON.stringify({ database: databaseKind(), size: size === QUICK ? 'quick' : 'full', node: process.version, at: new Date().toISOString(), seconds: (Date.now() - started) / 1000, rows }, null, 2)}\n`);
  console.log(`written to bench/results/latest.json (${Math.round((Date.now() - started) / 1000)} s)`);
  process.exit(0);
}
