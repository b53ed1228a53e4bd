import { expect } from 'chai';
import type pg from 'pg';
import { query } from '../../server/src/persistence/prepared.js';
import { startTestServer, type TestServer } from './harness.js';

describe(`server: prepared statements (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let server: TestServer;
  const em = () => server.services.dataSource.manager;
  const pool = () => (server.services.dataSource.driver as unknown as { master: pg.Pool }).master;
  const preparedCount = async () => Number((await query<{ n: string }>(em(), 'SELECT count(*) AS n FROM pg_prepared_statements'))[0]!.n);

  before(async () => {
    // No job runner: the test counts the pool's connections, and a runner's poll would hold one meanwhile.
    server = await startTestServer({ hooks: [] });
  });
  after(async () => {
    await server?.close();
  });

  it('prepares a statement once per connection and runs it with new values', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect(await query(em(), text, [1])).to.deep.equal([{ n: 2 }]);
    const prepared = await server.services.dataSource.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [text]);
    expect(prepared[0].n).to.be.greaterThan(0);
    expect(await query(em(), text, [41])).to.deep.equal([{ n: 42 }]);
  });

  it('keeps its connection (and what it prepared) when a statement fails', async () => {
    const backend = async () => (await query<{ pid: number }>(em(), 'SELECT pg_backend_pid() AS pid'))[0]!.pid;
    const before = await backend();
    const count = await preparedCount();
    let failure: unknown;
    try {
      await query(em(), 'SELECT 1 / $1::int AS n', [0]);
    } catch (err) {
      failure = err;
    }
    expect((failure as { code?: string }).code).to.equal('22012');
    expect(await backend()).to.equal(before);
    expect(await preparedCount()).to.be.at.least(count);
  });

  it('runs its statements again on a connection the pool opened anew', async () => {
    const text = 'SELECT $1::text AS word';
    expect(await query(em(), text, ['een'])).to.deep.equal([{ word: 'een' }]);
    // Close every idle connection, as the pool does after its idle timeout.
    const clients = await Promise.all(Array.from({ length: pool().totalCount }, () => pool().connect()));
    for (const client of clients) client.release(true);
    expect(pool().totalCount).to.equal(0);
    expect(await query(em(), text, ['twee'])).to.deep.equal([{ word: 'twee' }]);
  });

  it('runs inside a transaction on that transaction\'s connection', async () => {
    await server.services.dataSource.transaction(async (tx) => {
      await query(tx, 'CREATE TEMP TABLE prepared_probe (n int) ON COMMIT DROP');
      await query(tx, 'INSERT INTO prepared_probe VALUES ($1)', [7]);
      expect(await query(tx, 'SELECT n FROM prepared_probe')).to.deep.equal([{ n: 7 }]);
    });
  });
});
