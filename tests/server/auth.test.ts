import { expect } from 'chai';
import { hashToken } from '../../server/src/services/users.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from './harness.js';

const HOUR = 60 * 60_000;

describe('server: login, me and logout', () => {
  let server: TestServer;
  // The server's clock runs this far ahead of the real one; tests move it to let tokens expire.
  let clockOffsetMs = 0;

  before(async () => {
    server = await startTestServer({ tokenTtlMinutes: 12 * 60, clock: () => new Date(Date.now() + clockOffsetMs) });
    const admin = await server.adminToken();
    const created = await server.api(admin).post('/api/users', {
      username: 'an.peeters',
      password: 'geheim-1',
      displayName: 'An Peeters',
      roles: ['staff'],
      groups: ['burgerzaken'],
    });
    expect(created.status).to.equal(201);
  });
  afterEach(() => {
    clockOffsetMs = 0;
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/auth/login', () => {
    it('gives a token and the user for the right password', async () => {
      const response = await server.request('POST', '/api/auth/login', { username: 'an.peeters', password: 'geheim-1' });
      expect(response.status).to.equal(200);
      expect(response.body.token).to.be.a('string').with.length.of.at.least(40);
      expect(response.body.user).to.include({ username: 'an.peeters', displayName: 'An Peeters' });
      expect(response.body.user.roles).to.deep.equal(['staff']);
      expect(response.body.user.groups).to.deep.equal(['burgerzaken']);
      expect(response.body.user).not.to.have.any.keys('password', 'passwordHash', 'password_hash');
      const ttl = Date.parse(response.body.expiresAt) - Date.now();
      expect(ttl).to.be.within(12 * HOUR - 60_000, 12 * HOUR + 1000);
    });

    it('stores only the hash of the token', async () => {
      const token = await server.login('an.peeters', 'geheim-1');
      const stored: { token_hash: string }[] = await server.services.dataSource.query('SELECT token_hash FROM sessions');
      expect(stored.map((row) => row.token_hash)).to.include(hashToken(token));
      expect(stored.map((row) => row.token_hash)).not.to.include(token);
    });

    it('stores passwords as scrypt hashes, never as given', async () => {
      const [row]: { password_hash: string }[] = await server.services.dataSource.query(
        "SELECT password_hash FROM users WHERE username = 'an.peeters'",
      );
      expect(row.password_hash).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
      expect(row.password_hash).not.to.contain('geheim-1');
    });

    it('answers 401 for a wrong password and for an unknown user, with the same message', async () => {
      const wrongPassword = await server.request('POST', '/api/auth/login', { username: 'an.peeters', password: 'fout' });
      const unknownUser = await server.request('POST', '/api/auth/login', { username: 'niemand', password: 'geheim-1' });
      for (const response of [wrongPassword, unknownUser]) {
        expect(response.status).to.equal(401);
        expect(response.body).to.deep.equal({ error: 'unauthorized', message: 'wrong username or password', details: [] });
      }
    });

    it('answers 400 listing each missing field', async () => {
      const response = await server.request('POST', '/api/auth/login', { username: 'an.peeters' });
      expect(response.status).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
      expect(response.body.details).to.deep.equal([{ in: 'body', path: '/password', message: 'is required' }]);
      const empty = await server.request('POST', '/api/auth/login', {});
      expect(empty.body.details.map((d: { path: string }) => d.path)).to.deep.equal(['/username', '/password']);
    });

    it('answers 400 for a body that is not JSON or not an object', async () => {
      const noBody = await server.request('POST', '/api/auth/login');
      expect(noBody.status).to.equal(400);
      expect(noBody.body.message).to.match(/needs a JSON body/);
      const list = await server.request('POST', '/api/auth/login', ['admin', ADMIN_PASSWORD]);
      expect(list.status).to.equal(400);
      expect(list.body.details).to.deep.equal([{ in: 'body', path: '/', message: 'must be object' }]);
    });
  });

  describe('GET /api/me', () => {
    it('gives the user of the token', async () => {
      const token = await server.login('an.peeters', 'geheim-1');
      const response = await server.api(token).get('/api/me');
      expect(response.status).to.equal(200);
      expect(response.body).to.include({ username: 'an.peeters', displayName: 'An Peeters' });
      expect(response.body.roles).to.deep.equal(['staff']);
      expect(response.body.groups).to.deep.equal(['burgerzaken']);
    });

    it('answers 401 without a token, with a malformed header and with an unknown token', async () => {
      const responses = [
        await server.request('GET', '/api/me'),
        await fetch(`${server.url}/api/me`, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
        await server.api('not-a-real-token').get('/api/me'),
      ];
      for (const response of responses) expect(response.status).to.equal(401);
      expect(responses[0].body.error).to.equal('unauthorized');
    });

    it('answers 401 for a session whose expiry has passed', async () => {
      const [admin]: { id: string }[] = await server.services.dataSource.query("SELECT id FROM users WHERE username = 'admin'");
      const token = 'expired-token-for-test';
      await server.services.dataSource.query(
        'INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)',
        [hashToken(token), admin.id, new Date(Date.now() - 60_000), new Date(Date.now() - HOUR)],
      );
      const response = await server.api(token).get('/api/me');
      expect(response.status).to.equal(401);
      expect(response.body.message).to.match(/expired/);
    });

    it('lets a token work until its time to live has passed, then answers 401', async () => {
      const token = await server.login('an.peeters', 'geheim-1');
      clockOffsetMs = 12 * HOUR - 60_000;
      expect((await server.api(token).get('/api/me')).status).to.equal(200);
      clockOffsetMs = 12 * HOUR + 60_000;
      expect((await server.api(token).get('/api/me')).status).to.equal(401);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('revokes the token it is called with, and only that one', async () => {
      const first = await server.login('an.peeters', 'geheim-1');
      const second = await server.login('an.peeters', 'geheim-1');
      const response = await server.api(first).post('/api/auth/logout');
      expect(response.status).to.equal(200);
      expect((await server.api(first).get('/api/me')).status).to.equal(401);
      expect((await server.api(second).get('/api/me')).status).to.equal(200);
    });

    it('answers 401 without a token', async () => {
      expect((await server.request('POST', '/api/auth/logout')).status).to.equal(401);
    });
  });
});
