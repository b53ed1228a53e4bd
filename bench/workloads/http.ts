import type { RunningServer } from '../../server/src/server.js';
import { measure, type MeasureOptions } from '../measure.js';
import type { Row } from '../report.js';
import { ADMIN_PASSWORD } from '../server.js';

async function call(base: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** W3: the same case through the public API, 8 clients, each logged in once as a civil servant of the department. */
export async function overHttp(running: RunningServer, options: MeasureOptions, persistedPerSecond: number): Promise<Row[]> {
  const base = running.url;
  const admin = (await call(base, 'POST', '/api/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).token as string;
  await call(base, 'POST', '/api/users', admin, { username: 'bench-http', password: 'bench-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] });
  const tokens: string[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    tokens.push((await call(base, 'POST', '/api/auth/login', undefined, { username: 'bench-http', password: 'bench-wachtwoord' })).token);
  }
  const result = await measure(async (loop) => {
    const token = tokens[loop]!;
    const started = await call(base, 'POST', '/api/process-instances', token, { processKey: 'bench', variables: { afdeling: 'burgerzaken' } });
    const [intake] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
    await call(base, 'POST', `/api/tasks/${intake.id}/complete`, token, { variables: { volledig: true } });
    const [decide] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
    await call(base, 'POST', `/api/tasks/${decide.id}/complete`, token, { variables: {} });
  }, options);
  const ratio = result.perSecond / persistedPerSecond;
  return [
    {
      workload: 'W3 over HTTP',
      metric: `cases/s, ${options.concurrency} clients`,
      loket: result.perSecond,
      comparison: persistedPerSecond,
      comparisonLabel: 'W2 (service layer)',
      ratio,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      target: '≥ 0.6× W2',
      met: ratio >= 0.6,
    },
  ];
}
