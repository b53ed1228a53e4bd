import { upkeep } from '../../server/src/persistence/upkeep.js';
import type { Services } from '../../server/src/services/index.js';
import { measure, settledHeap } from '../measure.js';
import type { Row } from '../report.js';

const DEPARTMENTS = 10;
const MB = 1024 * 1024;

async function startWaiting(services: Services, from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < to) {
        const n = next++;
        await services.instances.start({ processKey: 'bench', variables: { afdeling: `afdeling-${n % DEPARTMENTS}` } });
      }
    }),
  );
}

function memory(): { heap: number; rss: number } {
  const heap = settledHeap();
  return { heap, rss: process.memoryUsage().rss };
}

/**
 * W4: cases waiting on a user task, spread over ten departments. The server's memory with `small` and with
 * `large` waiting (it must not grow with them: cases live in the database), and the inbox query of one
 * department (the first page, 1,000 tasks at most) at `large`.
 */
export async function waiting(services: Services, small: number, large: number): Promise<Row[]> {
  await startWaiting(services, 0, small);
  const before = memory();
  await startWaiting(services, small, large);
  const after = memory();
  // As a running server has them a minute later: statistics renewed by autovacuum, or on PGlite by Loket's upkeep.
  if (services.database.kind === 'pglite') await upkeep(services.dataSource);
  else await services.dataSource.query('ANALYZE');
  const actor = { username: 'inbox', roles: ['staff'], groups: ['afdeling-3'] };
  const inbox = await measure(() => services.tasks.list(actor, {}), { concurrency: 1, warmupMs: 300, durationMs: 2000 });
  const heapGrowth = (after.heap - before.heap) / MB;
  const rssGrowth = (after.rss - before.rss) / MB;
  const label = `${small.toLocaleString('en-US')} → ${large.toLocaleString('en-US')} waiting`;
  return [
    { workload: 'W4 waiting cases', metric: `heap growth MB, ${label}`, loket: heapGrowth, target: '< 50 MB', met: heapGrowth < 50 },
    { workload: 'W4 waiting cases', metric: `RSS growth MB, ${label}${process.env.DATABASE_URL ? '' : ' (PGlite counts in it)'}`, loket: rssGrowth, target: '< 50 MB', met: rssGrowth < 50 },
    {
      workload: 'W4 waiting cases',
      metric: `inbox of one department, ms (${(large / DEPARTMENTS).toLocaleString('en-US')} tasks)`,
      loket: inbox.p50Ms,
      p50Ms: inbox.p50Ms,
      p99Ms: inbox.p99Ms,
      target: '< 50 ms',
      met: inbox.p50Ms < 50,
    },
  ];
}
