import { expect } from 'chai';
import { upkeep } from '../../server/src/persistence/upkeep.js';
import { startTestServer, type TestServer } from './harness.js';

// Only PGlite needs it (a PostgreSQL server has autovacuum, which could also come first and make the test flaky).
(process.env.DATABASE_URL ? describe.skip : describe)("server: upkeep of the embedded database, autovacuum's work (PGlite)", () => {
  let server: TestServer;
  const query = (sql: string, values: unknown[] = []) => server.services.dataSource.query(sql, values);
  const activity = async () =>
    (await query(`SELECT n_dead_tup::int AS dead, n_mod_since_analyze::int AS changed, last_analyze, last_vacuum FROM pg_stat_user_tables WHERE relname = 'upkeep_probe'`))[0];

  before(async () => {
    server = await startTestServer();
    await query('CREATE TABLE upkeep_probe (n integer PRIMARY KEY, word text)');
  });
  after(async () => {
    await server?.close();
  });

  it('vacuums and analyzes a table whose rows changed, and leaves it alone once it is done', async () => {
    await query(`INSERT INTO upkeep_probe SELECT g, 'woord' FROM generate_series(1, 2000) g`);
    await query(`UPDATE upkeep_probe SET word = 'ander' WHERE n <= 1000`);
    const done = await upkeep(server.services.dataSource);
    expect(done.vacuumed).to.include('upkeep_probe');
    expect(done.analyzed).to.include('upkeep_probe');
    await query('SELECT pg_stat_force_next_flush()');
    const after = await activity();
    expect(after.dead).to.equal(0);
    expect(after.last_analyze).to.not.equal(null);
    expect(after.last_vacuum).to.not.equal(null);
    const again = await upkeep(server.services.dataSource);
    expect(again.vacuumed).to.not.include('upkeep_probe');
    expect(again.analyzed).to.not.include('upkeep_probe');
  });

  it('only analyzes a table that grew without dead rows', async () => {
    await query(`INSERT INTO upkeep_probe SELECT g, 'nieuw' FROM generate_series(2001, 4000) g`);
    const done = await upkeep(server.services.dataSource);
    expect(done.analyzed).to.include('upkeep_probe');
    expect(done.vacuumed).to.not.include('upkeep_probe');
  });
});
