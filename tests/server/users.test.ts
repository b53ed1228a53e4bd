import { expect } from 'chai';
import { startTestServer, type TestServer } from './harness.js';

describe('server: users', () => {
  let server: TestServer;
  let adminToken: string;
  let staffToken: string;

  before(async () => {
    server = await startTestServer();
    adminToken = await server.adminToken();
    await server.api(adminToken).post('/api/users', { username: 'staf', password: 'balie-123', roles: ['staff'], groups: ['burgerzaken'] });
    staffToken = await server.login('staf', 'balie-123');
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/users', () => {
    it('creates a user (201) who can then log in with the roles and groups given', async () => {
      const response = await server.api(adminToken).post('/api/users', {
        username: 'els.college',
        password: 'schepen-2024',
        displayName: 'Els Janssens',
        roles: ['reviewer', 'staff'],
        groups: ['college'],
      });
      expect(response.status).to.equal(201);
      expect(response.body).to.include({ username: 'els.college', displayName: 'Els Janssens' });
      expect(response.body.id).to.be.a('string');
      expect(response.body.roles).to.deep.equal(['reviewer', 'staff']);
      expect(response.body.groups).to.deep.equal(['college']);
      expect(response.body).not.to.have.any.keys('password', 'passwordHash', 'password_hash');

      const token = await server.login('els.college', 'schepen-2024');
      const me = await server.api(token).get('/api/me');
      expect(me.body).to.include({ username: 'els.college', displayName: 'Els Janssens' });
      expect(me.body.roles).to.deep.equal(['reviewer', 'staff']);
    });

    it('uses the username as display name and no groups when they are left out', async () => {
      const response = await server.api(adminToken).post('/api/users', { username: 'piet', password: 'x', roles: ['process-owner'] });
      expect(response.status).to.equal(201);
      expect(response.body).to.include({ displayName: 'piet' });
      expect(response.body.groups).to.deep.equal([]);
    });

    it('answers 409 when the username exists, and keeps the first user as it was', async () => {
      const again = await server.api(adminToken).post('/api/users', { username: 'staf', password: 'ander', roles: ['admin'], groups: [] });
      expect(again.status).to.equal(409);
      expect(again.body.error).to.equal('conflict');
      await server.login('staf', 'balie-123');
      const me = await server.api(staffToken).get('/api/me');
      expect(me.body.roles).to.deep.equal(['staff']);
    });

    it('answers 400 for an unknown role, naming it', async () => {
      const response = await server.api(adminToken).post('/api/users', { username: 'nieuw', password: 'x', roles: ['staff', 'burgemeester'], groups: [] });
      expect(response.status).to.equal(400);
      expect(response.body.details).to.deep.equal([
        { in: 'body', path: '/roles/1', message: 'must be one of "admin", "process-owner", "staff", "reviewer", "worker", "department-head"' },
      ]);
      const list = await server.api(adminToken).get('/api/users');
      expect(list.body.map((u: { username: string }) => u.username)).not.to.include('nieuw');
    });

    it('answers 400 with one detail per problem for a bad body', async () => {
      const response = await server.api(adminToken).post('/api/users', { username: 'met spatie', roles: 'staff', groups: [3] });
      expect(response.status).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
      const paths = response.body.details.map((d: { path: string }) => d.path).sort();
      expect(paths).to.deep.equal(['/groups/0', '/password', '/roles', '/username']);
      for (const detail of response.body.details) expect(detail.message).to.be.a('string').and.not.be.empty;
    });

    it('answers 403 for a staff member and 401 without a token', async () => {
      const body = { username: 'stiekem', password: 'x', roles: ['admin'], groups: [] };
      const asStaff = await server.api(staffToken).post('/api/users', body);
      expect(asStaff.status).to.equal(403);
      expect(asStaff.body.error).to.equal('forbidden');
      const anonymous = await server.request('POST', '/api/users', body);
      expect(anonymous.status).to.equal(401);
      expect(anonymous.body.error).to.equal('unauthorized');
    });

    it('checks the token before the body: 401 for a bad body without a token', async () => {
      expect((await server.request('POST', '/api/users', { nonsense: true })).status).to.equal(401);
    });
  });

  describe('GET /api/users', () => {
    it('lists the users, without password hashes, for an admin', async () => {
      const response = await server.api(adminToken).get('/api/users');
      expect(response.status).to.equal(200);
      const names = response.body.map((u: { username: string }) => u.username);
      expect(names).to.include.members(['admin', 'staf']);
      for (const user of response.body) expect(user).not.to.have.any.keys('password_hash', 'passwordHash');
    });

    it('answers 403 for a staff member', async () => {
      expect((await server.api(staffToken).get('/api/users')).status).to.equal(403);
    });
  });
});
