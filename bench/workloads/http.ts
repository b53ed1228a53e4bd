import { Agent, request } from 'node:http';
import type { RunningServer } from '../../server/src/server.js';
import type { Measurement } from '../measure.js';
import type { Row } from '../report.js';
import { ADMIN_PASSWORD } from '../server.js';

// The clients share this process's CPU with the server, so they are lean: node's own http with kept-alive
// connections. fetch spent more of the CPU on its web streams than the server spent on a request.
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function call(base: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 0) >= 400) reject(new Error(`${method} ${path}: ${response.statusCode} ${text}`));
        else resolve(text === '' ? undefined : JSON.parse(text));
      });
    });
    sent.on('error', reject);
    sent.end(payload);
  });
}

/** W3's clients: each logged in once as a civil servant of the department; a case through the public API per call. */
export async function httpClients(running: RunningServer, concurrency: number): Promise<(loop: number) => Promise<void>> {
  const base = running.url;
  const admin = (await call(base, 'POST', '/api/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).token as string;
  await call(base, 'POST', '/api/users', admin, { username: 'bench-http', password: 'bench-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] });
  const tokens: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    tokens.push((await call(base, 'POST', '/api/auth/login', undefined, { username: 'bench-http', password: 'bench-wachtwoord' })).token);
  }
  return async (loop) => {
    const token = tokens[loop]!;
    const started = await call(base, 'POST', '/api/process-instances', token, { processKey: 'bench', variables: { afdeling: 'burgerzaken' } });
    const [intake] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
    await call(base, 'POST', `/api/tasks/${intake.id}/complete`, token, { variables: { volledig: true } });
    const [decide] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
    await call(base, 'POST', `/api/tasks/${decide.id}/complete`, token, { variables: {} });
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
