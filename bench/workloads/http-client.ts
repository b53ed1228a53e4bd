import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/*
 * W3's clients, on a thread of their own as clients are processes of their own: their HTTP work does not take
 * turns with the server's on its event loop. Lean: node's own http with kept-alive connections (fetch spent
 * more of the CPU on its web streams than the server spent on a request). The main thread asks for one case
 * on loop n and hears when it is done.
 */

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

export function call(base: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
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

/** One case through the public API, as W2 does it through the service layer. */
async function oneCase(base: string, token: string): Promise<void> {
  const started = await call(base, 'POST', '/api/process-instances', token, { processKey: 'bench', variables: { afdeling: 'burgerzaken' } });
  const [intake] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
  await call(base, 'POST', `/api/tasks/${intake.id}/complete`, token, { variables: { volledig: true } });
  const [decide] = await call(base, 'GET', `/api/tasks?processInstanceId=${started.id}`, token);
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
