import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

/*
 * W3's clients, on a thread of their own as clients are processes of their own: their HTTP work does not take
 * turns with the server's on its event loop. A load generator should cost as little as it can, as real clients
 * run on machines of their own: undici's pool of kept-alive connections spends about a third of the CPU per
 * request that node's http client does (26 against 72 µs against a bare node server), and fetch more still on
 * its web streams. The main thread asks for one case on loop n and hears when it is done.
 */

const pools = new Map<string, Pool>();

function poolOf(base: string): Pool {
  let pool = pools.get(base);
  if (!pool) pools.set(base, (pool = new Pool(base, { connections: 16 })));
  return pool;
}

export async function call(base: string, method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown): Promise<any> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await poolOf(base).request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Closes the connections to `base`, so the server can stop. */
export async function closeClients(base: string): Promise<void> {
  await pools.get(base)?.close();
  pools.delete(base);
}

/** One case through the public API, as W2 does it through the service layer. */
async function oneCase(base: string, token: string): Promise<void> {
  const started = await call(base, 'POST', '/api/process-instances', token, { processKey: 'bench', variables: { afdeling: 'burgerzaken' } });
  const [intake] = started.openedTasks;
  const { openedTasks: [decide] } = await call(base, 'POST', `/api/tasks/${intake.id}/complete`, token, { variables: { volledig: true } });
  await call(base, 'POST', `/api/tasks/${decide.id}/complete`, token, { variables: {} });
  const ended = await call(base, 'GET', `/api/process-instances/${started.id}`, token);
  if (ended.state !== 'completed') throw new Error(`bench case ended ${ended.state}`);
}

if (parentPort && workerData?.role === 'w3-clients') {
  const { base, tokens } = workerData as { base: string; tokens: string[] };
  const port = parentPort;
  port.on('message', ({ id, loop }: { id: number; loop: number }) => {
    oneCase(base, tokens[loop]!).then(
      () => port.postMessage({ id }),
      (err: Error) => port.postMessage({ id, error: err.message }),
    );
  });
}
