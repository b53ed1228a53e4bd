import { readFileSync } from 'node:fs';
import { startJobRunner } from '../../server/src/jobs/runner.js';
import { deploy } from '../../server/src/services/deployments.js';
import type { Row } from '../report.js';
import { startBenchServer, type BenchServer } from '../server.js';

const TIMER_MODEL = readFileSync(new URL('../models/timer.bpmn', import.meta.url), 'utf8');
const HOUR_MS = 3600_000;

/**
 * W5: `count` cases wait on a timer due at the same moment; then the servers' clocks reach it and their job
 * runners fire them. Two servers on PostgreSQL (one on PGlite, which is embedded in one process). Measures the
 * time until the last fired and checks each fired exactly once.
 */
export async function timers(count: number): Promise<Row[]> {
  let shift = 0;
  const clock = () => new Date(Date.now() + shift);
  const servers: BenchServer[] = [await startBenchServer({ options: { clock } })];
  try {
    const { services } = servers[0]!.running;
    await deploy(services.dataSource, { name: 'bench-timer', resources: [{ name: 'timer.bpmn', content: TIMER_MODEL }] }, 'bench');
    if (process.env.DATABASE_URL) servers.push(await startBenchServer({ fresh: false, options: { clock } }));
    const dueAt = new Date(Date.now() + HOUR_MS).toISOString();
    for (let i = 0; i < count; i++) await services.instances.start({ processKey: 'bench-timer', variables: { dueAt } });

    shift = Date.parse(dueAt) - Date.now();
    const due = performance.now();
    const runners = servers.map((server) => startJobRunner(server.running.services, { intervalMs: 5, log: () => {} }));
    const completed = async () =>
      Number((await services.dataSource.query(`SELECT count(*) AS n FROM process_instances WHERE process_key = 'bench-timer' AND status = 'completed'`))[0].n);
    while ((await completed()) < count) {
      if (performance.now() - due > 120_000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - due) / 1000;
    await Promise.all(runners.map((runner) => runner.stop()));

    const fired: { instances: string; firings: string; twice: string }[] = await services.dataSource.query(
      `SELECT count(DISTINCT process_instance_id) AS instances, count(*) AS firings,
              (SELECT count(*) FROM (SELECT 1 FROM history_events WHERE element_id = 'wachten' AND type = 'element-completed'
                                      GROUP BY process_instance_id HAVING count(*) > 1) AS again) AS twice
         FROM history_events WHERE element_id = 'wachten' AND type = 'element-completed'`,
    );
    const { instances, firings, twice } = fired[0]!;
    const exactlyOnce = Number(instances) === count && Number(firings) === count && Number(twice) === 0;
    return [
      {
        workload: `W5 timers (${servers.length === 1 ? '1 server' : `${servers.length} servers in this process`})`,
        metric: `s until ${count} timers fired`,
        loket: seconds,
        target: 'all within 10 s, each once',
        met: exactlyOnce && seconds <= 10,
      },
      {
        workload: `W5 timers (${servers.length === 1 ? '1 server' : `${servers.length} servers in this process`})`,
        metric: 'timers fired exactly once',
        loket: Number(firings) - Number(twice),
        comparison: count,
        comparisonLabel: 'timers due',
        target: 'every one, once',
        met: exactlyOnce,
      },
    ];
  } finally {
    for (const server of servers.reverse()) await server.close();
  }
}
