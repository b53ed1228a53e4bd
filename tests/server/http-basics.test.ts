import { expect } from 'chai';
import { startTestServer, type TestServer } from './harness.js';

describe('server: health, OpenAPI and the error format', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('answers GET /api/health with 200 {"status":"ok"} without a token', async () => {
    const response = await server.request('GET', '/api/health');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document describing the routes, without a token', async () => {
    const response = await server.request('GET', '/api/openapi.json');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/application\/json/);
    const document = response.body;
    expect(document.openapi).to.equal('3.1.0');
    expect(document.paths).to.include.keys('/api/health', '/api/openapi.json', '/api/auth/login', '/api/auth/logout', '/api/me', '/api/users');
    expect(document.paths['/api/users']).to.include.keys('get', 'post');
    for (const path of Object.keys(document.paths)) expect(path).to.match(/^\/api\//);
  });

  it('publishes the request schema that is also used for validation, and marks public routes', async () => {
    const { body: document } = await server.request('GET', '/api/openapi.json');
    const login = document.paths['/api/auth/login'].post;
    expect(login.security).to.deep.equal([]);
    expect(login.requestBody.content['application/json'].schema.required).to.deep.equal(['username', 'password']);
    expect(login.responses).to.include.keys('200', '400', '401');
    const createUser = document.paths['/api/users'].post;
    expect(createUser.security).to.equal(undefined);
    expect(createUser.responses).to.include.keys('201', '400', '401', '403', '409');
    expect(createUser.responses['409'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/Error' });
    expect(document.components.schemas.Error.required).to.deep.equal(['error', 'message', 'details']);
  });

  it('answers an unknown /api route with 404 in the error format', async () => {
    const response = await server.request('GET', '/api/does-not-exist');
    expect(response.status).to.equal(404);
    expect(response.body).to.deep.equal({ error: 'not-found', message: 'no such endpoint: GET /api/does-not-exist', details: [] });
  });

  it('answers a known path with an unsupported method with 404 in the error format', async () => {
    const response = await server.request('DELETE', '/api/health');
    expect(response.status).to.equal(404);
    expect(response.body.error).to.equal('not-found');
  });

  it('answers malformed JSON with 400 in the error format', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "admin", ',
    });
    expect(response.status).to.equal(400);
    const body = await response.json();
    expect(body.error).to.equal('bad-request');
    expect(body.message).to.match(/not valid JSON/);
    expect(body.details).to.deep.equal([]);
  });

  it('accepts bodies up to about 5 MB and refuses bigger ones in the error format', async () => {
    const big = { username: 'x', password: 'y'.repeat(6 * 1024 * 1024) };
    const tooBig = await server.request('POST', '/api/auth/login', big);
    expect(tooBig.status).to.equal(413);
    expect(tooBig.body.error).to.equal('bad-request');
    const fourMb = await server.request('POST', '/api/auth/login', { username: 'x', password: 'y'.repeat(4 * 1024 * 1024) });
    // Accepted by the parser, then refused by the schema (password at most 1000 characters).
    expect(fourMb.status).to.equal(400);
    expect(fourMb.body.details).to.deep.equal([{ in: 'body', path: '/password', message: 'must NOT have more than 1000 characters' }]);
  });

  it('gives every error status the same shape', async () => {
    const responses = await Promise.all([
      server.request('POST', '/api/auth/login', {}), // 400
      server.request('GET', '/api/me'), // 401
      server.request('GET', '/api/nope'), // 404
    ]);
    expect(responses.map((r) => r.status)).to.deep.equal([400, 401, 404]);
    for (const { body } of responses) {
      expect(body).to.have.all.keys('error', 'message', 'details');
      expect(body.message).to.be.a('string').and.not.be.empty;
      expect(body.details).to.be.an('array');
    }
  });
});
