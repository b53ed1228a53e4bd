/**
 * The second server process of W5: a Loket server on the bench's PostgreSQL (DATABASE_URL) whose clock the
 * bench sets. It says "ready" on stdout; "go <shift ms>" on stdin moves its clock forward by that much and
 * starts its job runner (polling every 5 ms); "stop" stops it and ends the process.
 */
import { createInterface } from 'node:readline';
import { startJobRunner } from '../server/src/jobs/runner.js';
import { startServer } from '../server/src/server.js';
import { ADMIN_PASSWORD } from './server.js';

let shift = 0;
const running = await startServer(
  { port: 0, databaseUrl: process.env.DATABASE_URL, dataDir: '', adminPassword: ADMIN_PASSWORD, tokenTtlMinutes: 60, jobPollMs: 0 },
  { hooks: [], log: () => {}, clock: () => new Date(Date.now() + shift) },
);
let runner: ReturnType<typeof startJobRunner> | undefined;
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, value] = line.trim().split(' ');
  if (command === 'go') {
    shift = Number(value);
    runner = startJobRunner(running.services, { intervalMs: 5, log: () => {} });
  } else if (command === 'stop') {
    break;
  }
}
await runner?.stop();
await running.close();
