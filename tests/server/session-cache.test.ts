import { expect } from 'chai';
import { SessionCache } from '../../server/src/services/session-cache.js';
import type { AuthenticatedUser } from '../../server/src/services/users.js';
import { startTestServer, type TestServer } from './harness.js';

const user = (username: string): AuthenticatedUser => ({ id: `id-${username}`, username, displayName: username, roles: ['staff'], groups: [] });
const at = (ms: number) => new Date(Date.UTC(2026, 11, 2) + ms);
const FAR = at(24 * 3600_000);

describe('server: session cache', () => {
  it('answers a remembered session until the session expires or its time in the cache is up, whichever is first', () => {
    const cache = new SessionCache({ maxAgeMs: 60_000 });
    cache.remember('a', user('an'), at(30_000), at(0), cache.readMark());
    cache.remember('b', user('bart'), FAR, at(0), cache.readMark());
    expect(cache.get('a', at(29_999))?.username).to.equal('an');
    expect(cache.get('a', at(30_000))).to.equal(undefined);
    expect(cache.get('b', at(59_999))?.username).to.equal('bart');
    expect(cache.get('b', at(60_000))).to.equal(undefined);
  });

  it('keeps at most maxEntries, dropping the one used longest ago', () => {
    const cache = new SessionCache({ maxEntries: 2 });
    cache.remember('a', user('an'), FAR, at(0), cache.readMark());
    cache.remember('b', user('bart'), FAR, at(0), cache.readMark());
    cache.get('a', at(1));
    cache.remember('c', user('chris'), FAR, at(2), cache.readMark());
    expect([cache.get('a', at(3))?.username, cache.get('b', at(3)), cache.get('c', at(3))?.username]).to.deep.equal(['an', undefined, 'chris']);
  });

  it('does not remember a read that a revocation overtook', () => {
    const cache = new SessionCache();
    const mark = cache.readMark();
    cache.forget('a');
    cache.remember('a', user('an'), FAR, at(0), mark);
    expect(cache.get('a', at(1))).to.equal(undefined);
  });

  it('remembers nothing while closed, and closing empties it', () => {
    const cache = new SessionCache({}, { open: false });
    cache.remember('a', user('an'), FAR, at(0), cache.readMark());
    expect(cache.size).to.equal(0);
    cache.setOpen(true);
    cache.remember('a', user('an'), FAR, at(0), cache.readMark());
    expect(cache.get('a', at(1))?.username).to.equal('an');
    cache.setOpen(false);
    expect([cache.size, cache.get('a', at(1))]).to.deep.equal([0, undefined]);
  });

  describe('in a server', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ hooks: [] });
    });
    after(() => server.close());

    it('serves a token from the cache after its first request, and a logout ends it at once', async () => {
      const token = await server.adminToken();
      expect((await server.api(token).get('/api/me')).status).to.equal(200);
      expect(server.services.users.sessions.size).to.be.greaterThan(0);
      // The row is gone but the cache still knows the session: proof that the request did not read it.
      const [row]: { user_id: string; expires_at: Date; created_at: Date; token_hash: string }[] = await server.services.dataSource.query('SELECT * FROM sessions');
      await server.services.dataSource.query('DELETE FROM sessions WHERE token_hash = $1', [row!.token_hash]);
      expect((await server.api(token).get('/api/me')).status).to.equal(200);
      await server.services.dataSource.query('INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)', [row!.token_hash, row!.user_id, row!.expires_at, row!.created_at]);
      expect((await server.api(token).post('/api/auth/logout')).status).to.equal(200);
      expect((await server.api(token).get('/api/me')).status).to.equal(401);
    });
  });
});

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Only PostgreSQL can have another server process that logs a session out.
(process.env.DATABASE_URL ? describe : describe.skip)('server: a logout on one server process ends the session on the others (PostgreSQL)', () => {
  let first: TestServer;
  let second: TestServer;
  const logged: string[] = [];
  before(async () => {
    first = await startTestServer({ hooks: [], log: (message) => logged.push(message) });
    second = await startTestServer({ hooks: [], reset: false, log: (message) => logged.push(message) });
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('forgets the session as soon as the other process announces the logout', async () => {
    const token = await first.adminToken();
    expect((await second.api(token).get('/api/me')).status).to.equal(200);
    expect(second.services.users.sessions.size).to.equal(1);
    expect((await first.api(token).post('/api/auth/logout')).status).to.equal(200);
    await waitFor(() => second.services.users.sessions.size === 0, 'the revocation to reach the second server');
    expect((await second.api(token).get('/api/me')).status).to.equal(401);
  });

  it('empties and closes its cache while it cannot hear revocations, and opens it again once it can', async () => {
    const token = await first.login('admin', 'test-admin-wachtwoord');
    expect((await second.api(token).get('/api/me')).status).to.equal(200);
    const listeners = async () =>
      (await first.services.dataSource.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'loket listens on loket_session_revoked'")) as { pid: number }[];
    const before = (await listeners()).map((l) => l.pid);
    expect(before).to.have.length(2);
    await first.services.dataSource.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
    await waitFor(() => second.services.users.sessions.size === 0, 'the cache to close');
    await waitFor(async () => (await listeners()).length === 2, 'both servers to listen again');
    expect(logged.filter((message) => message.includes('loket_session_revoked'))).to.have.length(2);
    // While it listens again, revocations reach it and it remembers sessions as before.
    expect((await second.api(token).get('/api/me')).status).to.equal(200);
    expect(second.services.users.sessions.size).to.equal(1);
    expect((await first.api(token).post('/api/auth/logout')).status).to.equal(200);
    await waitFor(() => second.services.users.sessions.size === 0, 'the revocation after reconnecting');
  });
});
