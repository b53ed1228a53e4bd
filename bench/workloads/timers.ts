import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startJobRunner } from '../../server/src/jobs/runner.js';
import { deploy } from '../../server/src/services/deployments.js';
import type { Row } from '../report.js';
import { startBenchServer } from '../server.js';

const TIMER_MODEL = readFileSync(new URL('../models/timer.bpmn', import.meta.url), 'utf8');
const HOUR_MS = 3600_000;

/** The second server: its own Node process on the same PostgreSQL (bench/timer-process.ts), driven over stdin. */
interface OtherProcess {
  go(shift: number): void;
  stop(): Promise<void>;
}

function startOtherProcess(): Promise<OtherProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../timer-process.ts', import.meta.url))], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the second timer server ended (${code}) before it was ready`)));
    child.stdout!.once('data', () =>
      resolve({
        go: (shift) => child.stdin!.write(`go ${shift}\n`),
        stop: async () => {
          child.stdin!.end('stop\n');
          await exited;
        },
      }),
    );
  });
}

/**
 * W5: `count` cases wait on a timer due at the same moment; then the servers' clocks reach it and their job
 * runners fire them. On PostgreSQL two server processes (this one and bench/timer-process.ts); on PGlite one,
 * as it is embedded in one process. Measures the time until the last fired and checks each fired exactly once.
 */
export async function timers(count: number): Promise<Row[]> {
  let shift = 0;
  const clock = () => new Date(Date.now() + shift);
  const server = await startBenchServer({ options: { clock } });
  let other: OtherProcess | undefined;
  try {
    const { services } = server.running;
    await deploy(services.dataSource, { name: 'bench-timer', resources: [{ name: 'timer.bpmn', content: TIMER_MODEL }] }, 'bench');
    if (process.env.DATABASE_URL) other = await startOtherProcess();
    const dueAt = new Date(Date.now() + HOUR_MS).toISOString();
    for (let i = 0; i < count; i++) await services.instances.start({ processKey: 'bench-timer', variables: { dueAt } });

    shift = Date.parse(dueAt) - Date.now();
    const due = performance.now();
    other?.go(shift);
    const runner = startJobRunner(services, { intervalMs: 5, log: () => {} });
    // Whether any case still waits, not how many finished: counting 10,000 rows fifty times a second took CPU
    // from the servers being measured.
    const waiting = async () =>
      (await services.dataSource.query(`SELECT EXISTS (SELECT 1 FROM process_instances WHERE process_key = 'bench-timer' AND status = 'active') AS waiting`))[0]
        .waiting as boolean;
    while (await waiting()) {
      if (performance.now() - due > 120_000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - due) / 1000;
    await Promise.all([runner.stop(), other?.stop()]);
    other = undefined;

    const fired: { instances: string; firings: string; twice: string }[] = await services.dataSource.query(
      `SELECT count(DISTINCT process_instance_id) AS instances, count(*) AS firings,
              (SELECT count(*) FROM (SELECT 1 FROM history_events WHERE element_id = 'wachten' AND type = 'element-completed'
                                      GROUP BY process_instance_id HAVING count(*) > 1) AS again) AS twice
         FROM history_events WHERE element_id = 'wachten' AND type = 'element-completed'`,
    );
    const { instances, firings, twice } = fired[0]!;
    const servers = process.env.DATABASE_URL ? '2 server processes' : '1 server';
    const exactlyOnce = Number(instances) === count && Number(firings) === count && Number(twice) === 0;
    return [
      {
        workload: `W5 timers (${servers})`,
        metric: `s until ${count} timers fired`,
        loket: seconds,
        target: 'all within 10 s, each once',
        met: exactlyOnce && seconds <= 10,
      },
      {
        workload: `W5 timers (${servers})`,
        metric: 'timers fired exactly once',
        loket: Number(firings) - Number(twice),
        comparison: count,
        comparisonLabel: 'timers due',
        target: 'every one, once',
        met: exactlyOnce,
      },
    ];
  } finally {
    await other?.stop();
    await server.close();
  }
}
