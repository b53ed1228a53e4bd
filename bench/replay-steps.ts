/**
 * What PostgreSQL spends on a step, and on variants of the schema: records the step writes of W2 (the
 * parameters of each loket_write_steps call), then replays them in order on one connection to a freshly migrated
 * database, once per variant and in turns, and prints the backend's CPU time per step (from /proc, so the
 * database must run on this machine). The figure leaves out node, the network and the other clients: it is for
 * choosing between ways of writing a step, as migration 0014 was chosen.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/replay-steps.ts [variants.json]
 *
 * variants.json names SQL statements run before a replay, e.g. {"no history index": ["DROP INDEX …"]};
 * "as migrated" is always replayed too. The database is emptied first.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startBenchServer, type BenchServer } from './server.js';
import { caseThroughServices } from './workloads/persisted.js';

const CASES = 3200;
const TURNS = 3;

/** utime + stime of a process, in clock ticks (100 a second). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function benchDefinitionId(server: BenchServer): Promise<string> {
  const [row] = await server.running.services.dataSource.query(`SELECT id FROM process_definitions WHERE key = 'bench'`);
  return row.id;
}

/** W2's cases, 8 clients, with the parameter of every loket_write_steps call in the order sent. */
async function record(): Promise<{ definitionId: string; calls: string[] }> {
  const calls: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const statement = config as { text?: string; values?: unknown[] };
    if (statement.text?.includes('loket_write_steps')) calls.push(statement.values![0] as string);
    return (query as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof query;
  const server = await startBenchServer();
  try {
    const client = async () => {
      for (let i = 0; i < CASES / 8; i++) await caseThroughServices(server.running.services);
    };
    await Promise.all(Array.from({ length: 8 }, client));
    return { definitionId: await benchDefinitionId(server), calls };
  } finally {
    pg.Client.prototype.query = query;
    await server.close();
  }
}

/** Backend CPU µs per step of replaying `calls` on a fresh database after `statements`. */
async function replay(recorded: { definitionId: string; calls: string[] }, statements: string[]): Promise<number> {
  const server = await startBenchServer();
  const definitionId = await benchDefinitionId(server);
  await server.close();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const pid = rows[0].pid as number;
    const calls = recorded.calls.map((call) => call.replaceAll(recorded.definitionId, definitionId));
    const steps = calls.reduce((n, call) => n + (JSON.parse(call) as unknown[]).length, 0);
    const before = cpuTicks(pid);
    for (const values of calls) await client.query({ name: 'replay', text: 'SELECT * FROM loket_write_steps($1::jsonb)', values: [values] });
    return ((cpuTicks(pid) - before) * 10_000) / steps;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('replay-steps measures PostgreSQL: set DATABASE_URL (the database is emptied)');
  const variants: Record<string, string[]> = { 'as migrated': [], ...(process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {}) };
  const recorded = await record();
  console.log(`recorded ${recorded.calls.length} calls of loket_write_steps for ${CASES} cases`);
  const results = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
  for (let turn = 0; turn < TURNS; turn++) {
    for (const [name, statements] of Object.entries(variants)) results.get(name)!.push(await replay(recorded, statements));
  }
  for (const [name, perStep] of results) {
    const mean = perStep.reduce((a, b) => a + b, 0) / perStep.length;
    console.log(`${name.padEnd(24)} ${Math.round(mean)} µs backend CPU per step   (turns: ${perStep.map(Math.round).join(', ')})`);
  }
}

await main();
process.exit(0);
