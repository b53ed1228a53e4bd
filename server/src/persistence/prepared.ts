import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Statements of the hot path (a step, the reads around it) as named prepared statements: each connection
 * parses and plans such a statement once, not on every call. perf showed a fifth of PostgreSQL's time going to
 * parsing and planning the same few statements again (W2 of `npm run bench`). Works the same on PGlite, which
 * typeorm reaches through the pg driver as well.
 *
 * A statement is named after its text, so the same text always has the same name on every connection.
 * Only statements whose text is fixed, or takes a few shapes, belong here: every distinct text stays
 * prepared on each connection for as long as that connection lives.
 */
const names = new Map<string, string>();
const MAX_STATEMENTS = 200;

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_STATEMENTS) {
    name = `loket_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs work on the entity manager's connection: its transaction's, or one taken from the pool for this
 * statement. (pg's own pool.query would close the connection on any error, a refused step included, and with
 * it the statements prepared on it; on PGlite's single connection, the session too.)
 */
async function onConnection<T>(em: EntityManager, work: (connection: pg.ClientBase) => Promise<T>): Promise<T> {
  if (em.queryRunner) return work((await em.queryRunner.connect()) as pg.PoolClient);
  const client = await (em.connection.driver as unknown as { master: pg.Pool }).master.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.once('error', onError);
  try {
    return await work(client);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Rows of a statement run as a prepared statement, on the entity manager's connection. */
export async function query<T = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  const name = nameOf(text);
  return onConnection(em, async (connection) => {
    try {
      return (await connection.query(name ? { name, text, values } : { text, values })).rows as T[];
    } catch (err) {
      // A newer version's migration changed a table since this connection prepared `SELECT *` on it (a rolling
      // upgrade): plan it afresh, unnamed. Inside a transaction the error has already aborted it.
      const stale = (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((err as Error).message);
      if (name && stale && !em.queryRunner?.isTransactionActive) return (await connection.query({ text, values })).rows as T[];
      throw err;
    }
  });
}
