import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type StartOptions } from '../server/src/server.js';
import { deploy } from '../server/src/services/deployments.js';
import { resetPostgres } from '../tests/server/harness.js';
import { LOKET_MODEL } from './workloads/engine.js';

export const ADMIN_PASSWORD = 'bench-admin-wachtwoord';

/** Where the bench runs: PostgreSQL when DATABASE_URL is set (the database is emptied first!), else PGlite in a fresh folder. */
export function databaseKind(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export interface BenchServer {
  running: RunningServer;
  /** Stops the server and removes the embedded database folder. */
  close(): Promise<void>;
}

/** A real Loket server on its own database, with the bench process deployed; `fresh` empties PostgreSQL first. */
export async function startBenchServer({ fresh = true, options = {} }: { fresh?: boolean; options?: StartOptions } = {}): Promise<BenchServer> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && fresh) await resetPostgres(databaseUrl);
  const dataDir = databaseUrl ? '' : mkdtempSync(join(tmpdir(), 'loket-bench-'));
  const running = await startServer(
    { port: 0, databaseUrl, dataDir, adminPassword: ADMIN_PASSWORD, tokenTtlMinutes: 60, jobPollMs: 0 },
    { hooks: [], log: () => {}, ...options },
  );
  await deploy(running.services.dataSource, { name: 'bench', resources: [{ name: 'bench.bpmn', content: LOKET_MODEL }] }, 'bench');
  return {
    running,
    async close() {
      await running.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
