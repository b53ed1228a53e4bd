import { Agent, get } from 'node:http';
import { SESSION_COOKIE } from '../../server/src/http/cookie-session.js';
import { upkeep } from '../../server/src/persistence/upkeep.js';
import type { RunningServer } from '../../server/src/server.js';
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

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET of a page with a session cookie; resolves when the whole page has arrived. */
function getPage(url: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`GET ${url}: ${response.statusCode}`));
      response.on('data', () => {});
      response.on('end', resolve);
      response.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * W4: cases waiting on a user task, spread over ten departments. The server's memory with `small` and with
 * `large` waiting (it must not grow with them: cases live in the database), the inbox query of one
 * department (the first page, 1,000 tasks at most) at `large`, and the inbox page (/werk: its counts and the
 * first 50 of that department's tasks by due date, rendered) as a civil servant's browser asks it.
 */
export async function waiting(running: RunningServer, small: number, large: number): Promise<Row[]> {
  const { services } = running;
  await startWaiting(services, 0, small);
  const before = memory();
  await startWaiting(services, small, large);
  const after = memory();
  // As a running server has them a minute later: statistics renewed by autovacuum, or on PGlite by Loket's upkeep.
  if (services.database.kind === 'pglite') await upkeep(services.dataSource);
  else await services.dataSource.query('ANALYZE');
  const actor = { username: 'inbox', roles: ['staff'], groups: ['afdeling-3'] };
  const inbox = await measure(() => services.tasks.list(actor, {}), { concurrency: 1, warmupMs: 300, durationMs: 2000 });
  await services.users.create({ username: 'inbox', password: 'inbox-wachtwoord', roles: ['staff'], groups: ['afdeling-3'] });
  const { token } = await services.users.login('inbox', 'inbox-wachtwoord');
  const page = await measure(() => getPage(`${running.url}/werk`, token), { concurrency: 1, warmupMs: 300, durationMs: 2000 });
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
    {
      workload: 'W4 waiting cases',
      // Timed at the client on the same host: the server's time plus the loopback, so never less than the server's.
      metric: `inbox page /werk, ms (${(large / DEPARTMENTS).toLocaleString('en-US')} open tasks of hers)`,
      loket: page.p50Ms,
      p50Ms: page.p50Ms,
      p99Ms: page.p99Ms,
      target: '< 200 ms',
      met: page.p99Ms < 200,
    },
  ];
}
