import { expect } from 'chai';
import express from 'express';
import { createServer, type Server } from 'node:http';
import { apiRouter } from '../../server/src/http/api-router.js';
import { errorHandler, unknownApiRoute } from '../../server/src/http/errors.js';
import { ok, publicRoute, text, type RouteDefinition } from '../../server/src/http/route.js';
import type { Services } from '../../server/src/services/index.js';

const echo = (name: string, method: RouteDefinition['method'], path: string): RouteDefinition =>
  publicRoute({ method, path, summary: name, tags: ['test'], responses: { 200: { description: 'ok' } }, handle: ({ params }) => ok({ name, params }) });

describe('server: the API router finds an endpoint as express would', () => {
  let server: Server;
  let base: string;
  const logged: string[] = [];
  before(async () => {
    const router = apiRouter(
      [
        echo('zoeken', 'get', '/api/taken/zoeken'),
        echo('taak', 'get', '/api/taken/{id}'),
        echo('afronden', 'post', '/api/taken/{id}/afronden'),
        echo('lijst', 'get', '/api/taken'),
        publicRoute({
          method: 'post',
          path: '/api/spiegel',
          summary: 'spiegel',
          tags: ['test'],
          responses: { 200: { description: 'ok' } },
          handle: ({ body, query }) => ok({ body, query }),
        }),
        publicRoute({ method: 'get', path: '/api/tekst', summary: 'tekst', tags: ['test'], responses: { 200: { description: 'ok' } }, handle: () => text('<a/>', 'application/xml') }),
        publicRoute({
          method: 'get',
          path: '/api/stuk',
          summary: 'stuk',
          tags: ['test'],
          responses: { 200: { description: 'ok' } },
          handle: () => {
            throw new Error('kapot');
          },
        }),
      ],
      {} as Services,
      (message) => logged.push(message),
    );
    // What the router leaves, express answers: here only the API's 404.
    const rest = express();
    rest.use('/api', unknownApiRoute);
    rest.use(errorHandler(() => {}));
    server = createServer((req, res) => {
      if (!router.serve(req, res)) rest(req, res);
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server?.close());

  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${base}${path}`, { method });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('takes the first endpoint declared that fits, and decodes the parameters', async () => {
    expect((await get('/api/taken/zoeken')).body).to.deep.equal({ name: 'zoeken', params: {} });
    expect((await get('/api/taken/t%20%C3%A9%C3%A9n')).body).to.deep.equal({ name: 'taak', params: { id: 't één' } });
    expect((await get('/api/taken/t1/afronden', 'POST')).body).to.deep.equal({ name: 'afronden', params: { id: 't1' } });
    expect((await get('/api/taken?state=open')).body).to.deep.equal({ name: 'lijst', params: {} });
  });

  it('ignores the case of fixed segments and one trailing slash, and answers HEAD as GET', async () => {
    expect((await get('/API/Taken/')).body?.name).to.equal('lijst');
    expect((await get('/api/taken/T1')).body).to.deep.equal({ name: 'taak', params: { id: 'T1' } });
    expect((await get('/api/taken', 'HEAD')).status).to.equal(200);
  });

  it('passes what fits no endpoint on, and refuses a parameter that is not valid URL encoding', async () => {
    const unknown = await get('/api/taken/t1/afronden');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.message).to.match(/no such endpoint: GET \/api\/taken\/t1\/afronden/);
    expect((await get('/api/taken//afronden', 'POST')).status).to.equal(404);
    const malformed = await get('/api/taken/%E0%A4%A');
    expect(malformed.status).to.equal(400);
    expect(malformed.body.message).to.match(/not valid URL encoding/);
  });

  it('reads a JSON body and the query string as express did, and refuses a body that is not JSON', async () => {
    const echoed = await fetch(`${base}/api/spiegel?a=1&b=2&b=3`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1]}' });
    expect(await echoed.json()).to.deep.equal({ body: { x: [1] }, query: { a: '1', b: ['2', '3'] } });
    const broken = await fetch(`${base}/api/spiegel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":' });
    expect(broken.status).to.equal(400);
    expect((await broken.json()).message).to.match(/not valid JSON/);
    const latin = await fetch(`${base}/api/spiegel`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' });
    expect(latin.status).to.equal(415);
  });

  it('answers text with its content type in UTF-8, and a failing handler with 500 in the error format, logged', async () => {
    const xml = await fetch(`${base}/api/tekst`);
    expect(xml.headers.get('content-type')).to.equal('application/xml; charset=utf-8');
    expect(await xml.text()).to.equal('<a/>');
    const failed = await fetch(`${base}/api/stuk`);
    expect(failed.status).to.equal(500);
    expect(await failed.json()).to.deep.equal({ error: 'internal', message: 'something went wrong on the server; it has been logged', details: [] });
    expect(logged).to.deep.equal(['GET /api/stuk failed']);
  });
});
