import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../../server/src/persistence/entities.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from './harness.js';

/** The smallest case history can hang on: a deployment, a definition, an instance. */
async function insertInstance(dataSource: DataSource, id: string): Promise<void> {
  await dataSource.query(`INSERT INTO deployments (id, name, created_by) VALUES ($1, 'test', 'test')`, [`dep-${id}`]);
  await dataSource.query(
    `INSERT INTO process_definitions (id, key, version, name, deployment_id, xml, content_hash) VALUES ($1, $2, 1, 'Test', $3, '<xml/>', 'h')`,
    [`def-${id}`, `key-${id}`, `dep-${id}`],
  );
  await dataSource.query(
    `INSERT INTO process_instances (id, definition_id, process_key, process_version, tracking_code, status, state)
     VALUES ($1, $2, $3, 1, $4, 'active', '{}'::jsonb)`,
    [id, `def-${id}`, `key-${id}`, `CODE-${id}`],
  );
}

async function errorOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the statement to fail');
}

describe('server: database', () => {
  describe(`schema and history (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => {
      await server?.close();
    });

    it('has run each migration once, with every table', async () => {
      const { dataSource } = server.services;
      const migrations: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
      expect(migrations.map((m) => m.name)).to.deep.equal(['Initial1732300000001', 'JobsAndSubscriptions1732300000002', 'DecisionValidFrom1732300000003', 'DueTimersInOrder1732300000004', 'OneRoundTripPerStep1732300000005', 'OpenTasksIndex1732300000006', 'LighterStepWrites1732300000007', 'WorkPages1732300000008', 'PartiesAndContacts1732300000009', 'OutboxSending1732300000010', 'StartOnLatest1732300000011', 'LighterStepWritesAgain1732300000012', 'StepsWrittenTogether1732300000013', 'CheaperStepWrites1732300000014']);
      const tables: { table_name: string }[] = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).to.include.members([
        'users', 'sessions', 'deployments', 'deployment_resources', 'process_definitions', 'decision_definitions',
        'form_definitions', 'process_instances', 'tasks', 'history_events', 'history_steps', 'incidents',
        'jobs', 'event_subscriptions', 'outbox',
      ]);
    });

    it('keeps history append-only: a step appends its events, UPDATE, DELETE and TRUNCATE are refused', async () => {
      const { dataSource } = server.services;
      await insertInstance(dataSource, 'history-1');
      const events = [
        { type: 'element-activated', elementId: 'start', elementType: 'startEvent', at: '2026-12-03T10:00:00.000Z', data: { a: 1 } },
        { type: 'element-completed', elementId: 'start', elementType: 'startEvent', at: '2026-12-03T10:00:00.000Z', user: 'an' },
      ];
      await dataSource.query('INSERT INTO history_steps (process_instance_id, at, events) VALUES ($1, now(), $2::jsonb)', ['history-1', JSON.stringify(events)]);
      const update = await errorOf(dataSource.query(`UPDATE history_steps SET events = '[]' WHERE process_instance_id = 'history-1'`));
      expect(update.message).to.match(/history is append-only: UPDATE is not allowed/);
      const remove = await errorOf(dataSource.query(`DELETE FROM history_steps WHERE process_instance_id = 'history-1'`));
      expect(remove.message).to.match(/DELETE is not allowed/);
      const truncate = await errorOf(dataSource.query('TRUNCATE history_steps'));
      expect(truncate.message).to.match(/TRUNCATE is not allowed/);
      // The events one by one, in order, as every reader of history sees them; the view changes nothing.
      const rows: { type: string; at: Date; user_name: string | null; data: unknown }[] = await dataSource.query(
        `SELECT type, at, user_name, data FROM history_events WHERE process_instance_id = 'history-1' ORDER BY id`,
      );
      expect(rows.map(({ type, user_name, data }) => ({ type, user_name, data }))).to.deep.equal([
        { type: 'element-activated', user_name: null, data: { a: 1 } },
        { type: 'element-completed', user_name: 'an', data: null },
      ]);
      expect(rows[0]!.at.toISOString()).to.equal('2026-12-03T10:00:00.000Z');
      const viaView = await errorOf(dataSource.query(`DELETE FROM history_events WHERE process_instance_id = 'history-1'`));
      expect(viaView.message).to.match(/history_events/);
    });

    it('refuses a case status, a task state or a history that is not of its kind, and writes nothing', async () => {
      const { dataSource } = server.services;
      await insertInstance(dataSource, 'kinds-1');
      const status = await errorOf(dataSource.query(`UPDATE process_instances SET status = 'klaar' WHERE id = 'kinds-1'`));
      expect(status.message).to.match(/loket_case_status/);
      const task = await errorOf(
        dataSource.query(
          `INSERT INTO tasks (id, process_instance_id, process_key, element_id, name, candidate_groups, candidate_users, state, created_at)
           VALUES ('kinds-task', 'kinds-1', 'key-kinds-1', 'e', 'Taak', '[]', '[]', 'half', now())`,
        ),
      );
      expect(task.message).to.match(/loket_task_state/);
      const history = await errorOf(dataSource.query(`INSERT INTO history_steps (process_instance_id, at, events) VALUES ('kinds-1', now(), '{}')`));
      expect(history.message).to.match(/loket_history_events/);
      expect(await dataSource.query(`SELECT status FROM process_instances WHERE id = 'kinds-1'`)).to.deep.equal([{ status: 'active' }]);
      expect(await dataSource.query(`SELECT id FROM tasks WHERE id = 'kinds-task'`)).to.deep.equal([]);
      expect(await dataSource.query(`SELECT id FROM history_events WHERE process_instance_id = 'kinds-1'`)).to.deep.equal([]);
    });

    it('undoes migration 0014 (domains for statuses) and does it again, the cases written before unchanged', async () => {
      const { dataSource } = server.services;
      await insertInstance(dataSource, 'undo-1');
      const kinds = () =>
        dataSource.query(
          `SELECT table_name, column_name, domain_name FROM information_schema.columns
            WHERE (table_name, column_name) IN (('process_instances', 'status'), ('tasks', 'state'), ('history_steps', 'events')) ORDER BY table_name`,
        );
      const domains = await kinds();
      expect(domains.map((c: { domain_name: string | null }) => c.domain_name)).to.deep.equal(['loket_history_events', 'loket_case_status', 'loket_task_state']);
      await dataSource.undoLastMigration({ transaction: 'all' });
      expect((await kinds()).map((c: { domain_name: string | null }) => c.domain_name)).to.deep.equal([null, null, null]);
      const status = await errorOf(dataSource.query(`UPDATE process_instances SET status = 'klaar' WHERE id = 'undo-1'`));
      expect(status.message).to.match(/process_instances_status_check/);
      await dataSource.runMigrations({ transaction: 'all' });
      expect(await kinds()).to.deep.equal(domains);
      expect(await dataSource.query(`SELECT status FROM process_instances WHERE id = 'undo-1'`)).to.deep.equal([{ status: 'active' }]);
    });

    it('rolls back a whole transaction when one statement in it fails', async () => {
      const { dataSource } = server.services;
      await insertInstance(dataSource, 'tx-1');
      const failure = await errorOf(
        dataSource.transaction(async (em) => {
          await em.query(`INSERT INTO history_steps (process_instance_id, at, events) VALUES ('tx-1', now(), '[{"type": "element-activated", "at": "2026-12-03T10:00:00Z"}]')`);
          await em.query(`UPDATE history_steps SET events = '[]' WHERE process_instance_id = 'tx-1'`);
        }),
      );
      expect(failure.message).to.match(/append-only/);
      const rows: unknown[] = await dataSource.query(`SELECT * FROM history_events WHERE process_instance_id = 'tx-1'`);
      expect(rows).to.deep.equal([]);
    });

    it('maps rows through the entity schemas with the column names as properties', async () => {
      const admin = await server.services.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'admin' });
      expect(admin.roles).to.deep.equal(['admin']);
      expect(admin.created_at).to.be.instanceOf(Date);
    });
  });

  describe('persistence across restarts (embedded PGlite in a folder)', () => {
    let dataDir: string;
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'loket-test-'));
    });
    after(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('keeps users and the generated admin password, and does not create admin again', async () => {
      const first = await startTestServer({ dataDir, adminPassword: null });
      let generated: string;
      try {
        const users: { username: string; roles: string[] }[] = await first.services.dataSource.query('SELECT username, roles FROM users');
        expect(users).to.deep.equal([{ username: 'admin', roles: ['admin'] }]);
        generated = first.generatedAdminPassword ?? '';
        expect(generated).to.have.length.of.at.least(20);
        const admin = await first.login('admin', generated);
        const created = await first.api(admin).post('/api/users', { username: 'blijft', password: 'na-herstart', roles: ['staff'], groups: ['milieu'] });
        expect(created.status).to.equal(201);
      } finally {
        await first.close();
      }

      const second = await startTestServer({ dataDir, adminPassword: 'wordt-genegeerd' });
      try {
        expect(second.generatedAdminPassword).to.equal(undefined);
        const token = await second.login('blijft', 'na-herstart');
        const me = await second.api(token).get('/api/me');
        expect(me.body.groups).to.deep.equal(['milieu']);
        await second.login('admin', generated);
        const refused = await second.request('POST', '/api/auth/login', { username: 'admin', password: 'wordt-genegeerd' });
        expect(refused.status).to.equal(401);
      } finally {
        await second.close();
      }
    });
  });

  if (process.env.DATABASE_URL) {
    describe('persistence across restarts (PostgreSQL)', () => {
      it('keeps users when a server starts again on the same database', async () => {
        const first = await startTestServer();
        try {
          await first.api(await first.adminToken()).post('/api/users', { username: 'pg-blijft', password: 'pw', roles: ['staff'] });
        } finally {
          await first.close();
        }
        const second = await startTestServer({ reset: false });
        try {
          await second.login('pg-blijft', 'pw');
          await second.login('admin', ADMIN_PASSWORD);
        } finally {
          await second.close();
        }
      });
    });
  }
});
