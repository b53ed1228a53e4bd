import { Worker } from 'node:worker_threads';
import type { RunningServer } from '../../server/src/server.js';
import type { Measurement } from '../measure.js';
import type { Row } from '../report.js';
import { ADMIN_PASSWORD } from '../server.js';
import { call, closeClients } from './http-client.js';

/** W3's clients: each logged in once as a civil servant of the department; a case through the public API per call, on the clients' thread. */
export async function httpClients(running: RunningServer, concurrency: number): Promise<{ run: (loop: number) => Promise<void>; stop: () => Promise<void> }> {
  const base = running.url;
  const admin = (await call(base, 'POST', '/api/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).token as string;
  await call(base, 'POST', '/api/users', admin, { username: 'bench-http', password: 'bench-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] });
  const tokens: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    tokens.push((await call(base, 'POST', '/api/auth/login', undefined, { username: 'bench-http', password: 'bench-wachtwoord' })).token);
  }
  // A worker does not inherit tsx's loader: it registers it, then loads the clients.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.resolve('./http-client.ts'))}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: 'w3-clients', base, tokens } });
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  worker.on('message', ({ id, error }: { id: number; error?: string }) => {
    const pending = waiting.get(id)!;
    waiting.delete(id);
    if (error) pending.reject(new Error(error));
    else pending.resolve();
  });
  let next = 0;
  return {
    run: (loop) =>
      new Promise<void>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, loop });
      }),
    stop: async () => {
      await worker.terminate();
      await closeClients(base);
    },
  };
}

/** W3: the same case over HTTP, against W2 measured in turns with it. */
export function httpRow(result: Measurement, persisted: Measurement, concurrency: number): Row {
  const ratio = result.perSecond / persisted.perSecond;
  return {
    workload: 'W3 over HTTP',
    metric: `cases/s, ${concurrency} clients`,
    loket: result.perSecond,
    comparison: persisted.perSecond,
    comparisonLabel: 'W2 (service layer)',
    ratio,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    target: '≥ 0.6× W2',
    met: ratio >= 0.6,
  };
}
