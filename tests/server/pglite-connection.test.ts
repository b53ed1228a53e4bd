import { PGlite } from '@electric-sql/pglite';
import { expect } from 'chai';
import pg from 'pg';
import { PGliteConnection } from '../../server/src/persistence/pglite-connection.js';

describe('server: the pg driver straight to PGlite (PGliteConnection)', () => {
  let db: PGlite;
  const client = () => new pg.Client({ user: 'postgres', database: 'postgres', stream: () => new PGliteConnection(db) } as pg.ClientConfig);

  beforeEach(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterEach(async () => {
    await db.close();
  });

  it('runs plain and prepared statements, and an error leaves the connection usable', async () => {
    const c = client();
    await c.connect();
    expect((await c.query('SELECT 1 AS one')).rows).to.deep.equal([{ one: 1 }]);
    expect((await c.query({ name: 'plus', text: 'SELECT $1::int + 1 AS n', values: [41] })).rows).to.deep.equal([{ n: 42 }]);
    let failure: unknown;
    try {
      await c.query({ name: 'divide', text: 'SELECT 1 / $1::int AS n', values: [0] });
    } catch (err) {
      failure = err;
    }
    expect((failure as { code?: string }).code).to.equal('22012');
    expect((await c.query({ name: 'plus', text: 'SELECT $1::int + 1 AS n', values: [1] })).rows).to.deep.equal([{ n: 2 }]);
    await c.end();
  });

  it('rolls back what a connection left open when it goes, as a server does', async () => {
    const first = client();
    await first.connect();
    await first.query('CREATE TABLE probe (n int)');
    await first.query('BEGIN');
    await first.query('INSERT INTO probe VALUES (1)');
    // The connection breaks off (the client is told so), in the middle of the transaction.
    const told = new Promise((resolve) => first.once('error', resolve));
    (first as unknown as { connection: { stream: PGliteConnection } }).connection.stream.destroy();
    expect(String(await told)).to.match(/terminated unexpectedly/);
    const second = client();
    await second.connect();
    expect((await second.query('SELECT count(*)::int AS n FROM probe')).rows).to.deep.equal([{ n: 0 }]);
    await second.query('INSERT INTO probe VALUES (2)');
    expect((await second.query('SELECT n FROM probe')).rows).to.deep.equal([{ n: 2 }]);
    await second.end();
  });

  it('carries a large answer whole', async () => {
    const c = client();
    await c.connect();
    const { rows } = await c.query(`SELECT repeat('x', 3000000) AS big, generate_series(1, 3) AS n`);
    expect(rows.map((r) => [r.n, r.big.length])).to.deep.equal([
      [1, 3000000],
      [2, 3000000],
      [3, 3000000],
    ]);
    await c.end();
  });

  it('starts each connection from a clean session: nothing prepared or set by the one before', async () => {
    const first = client();
    await first.connect();
    await first.query({ name: 'same', text: 'SELECT 1 AS n' });
    await first.query(`SET application_name = 'eerste'`);
    await first.end();
    const second = client();
    await second.connect();
    expect((await second.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows).to.deep.equal([{ n: 0 }]);
    expect((await second.query('SHOW application_name')).rows[0].application_name).to.not.equal('eerste');
    expect((await second.query({ name: 'same', text: 'SELECT 1 AS n' })).rows).to.deep.equal([{ n: 1 }]);
    await second.end();
  });
});
