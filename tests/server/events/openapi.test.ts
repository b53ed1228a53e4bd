import { expect } from 'chai';
import type { TestServer } from '../harness.js';
import { TestClock, serverOn } from './helpers.js';

describe('server: the OpenAPI description of events, jobs and the outbox', () => {
  let server: TestServer;
  before(async () => {
    server = await serverOn(new TestClock());
  });
  after(() => server?.close());

  it('lists every endpoint with its method', async () => {
    const response = await server.request('GET', '/api/openapi.json');
    expect(response.status).to.equal(200);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string][] = [
      ['/api/messages', 'post'],
      ['/api/signals', 'post'],
      ['/api/jobs/activate', 'post'],
      ['/api/jobs/{id}/complete', 'post'],
      ['/api/jobs/{id}/fail', 'post'],
      ['/api/jobs/{id}/bpmn-error', 'post'],
      ['/api/outbox', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(paths, path).to.have.property(path);
      expect(paths[path], `${method} ${path}`).to.have.property(method);
    }
  });
});
