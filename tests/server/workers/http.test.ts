import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from 'typeorm';
import { httpWorker } from '../../../server/src/jobs/workers/http.js';
import type { JobOutcome, JobToRun } from '../../../server/src/jobs/worker.js';
import { jobFor } from './helpers.js';

interface Received {
  method: string;
  url: string;
  contentType?: string;
  body: string;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('server: the loket:http worker', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const slowAnswers = new Set<ReturnType<typeof setTimeout>>();
  const worker = httpWorker();
  // The http worker writes nothing; it never touches the transaction.
  const noDatabase = {} as EntityManager;

  before(async () => {
    server = createServer(async (req, res) => {
      const body = await bodyOf(req);
      received.push({ method: req.method!, url: req.url!, body, ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}) });
      const path = new URL(req.url!, 'http://localhost').pathname;
      if (path.startsWith('/zaken/')) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ zaak: decodeURIComponent(path.slice('/zaken/'.length)), methode: req.method, ontvangen: body ? JSON.parse(body) : null }));
      } else if (path === '/tekst') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('alles in orde');
      } else if (path === '/leeg') {
        res.writeHead(204);
        res.end();
      } else if (path === '/kapot') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('database weg');
      } else if (path === '/geweigerd') {
        res.writeHead(422, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ fout: 'postcode ontbreekt' }));
      } else if (path === '/geen-json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{niet: json');
      } else if (path === '/traag') {
        const timer = setTimeout(() => {
          slowAnswers.delete(timer);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
        }, 2000);
        slowAnswers.add(timer);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const timer of slowAnswers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const run = (headers: Record<string, string>, variables: JobToRun['variables'] = {}) => worker.run(jobFor('zaak-1', 'loket:http', headers, variables), noDatabase);

  function failureOf(outcome: JobOutcome): string {
    expect(outcome.kind, JSON.stringify(outcome)).to.equal('fail');
    const { message } = outcome as { message: string };
    expect(message).to.include('loket:http task "verzenden"');
    return message;
  }

  it('has the job type loket:http', () => {
    expect(worker.type).to.equal('loket:http');
  });

  it('completes a GET with the parsed JSON answer in `response`, with URL-encoded placeholders', async () => {
    const outcome = await run({ url: `${base}/zaken/{{zaak.nummer}}?bron={{bron}}` }, { zaak: { nummer: 'Z 1/2?x=3' }, bron: 'a&b' });
    expect(outcome).to.deep.equal({ kind: 'complete', variables: { response: { status: 200, body: { zaak: 'Z 1/2?x=3', methode: 'GET', ontvangen: null } } } });
    expect(received).to.have.length(1);
    expect(received[0]!.url).to.equal('/zaken/Z%201%2F2%3Fx%3D3?bron=a%26b');
  });

  it('sends the variable named by bodyVariable as JSON and stores the answer in resultVariable', async () => {
    const aanvraag = { naam: 'Jan', bedrag: 1500, bijlagen: ['plan.pdf'] };
    const outcome = await run({ url: `${base}/zaken/Z-9`, method: 'post', bodyVariable: 'aanvraag', resultVariable: 'registratie' }, { aanvraag });
    expect(outcome).to.deep.equal({ kind: 'complete', variables: { registratie: { status: 200, body: { zaak: 'Z-9', methode: 'POST', ontvangen: aanvraag } } } });
    expect(received[0]!.contentType).to.equal('application/json');
  });

  it('sends no body without bodyVariable, nor with GET', async () => {
    expect((await run({ url: `${base}/zaken/1`, method: 'DELETE' })).kind).to.equal('complete');
    expect((await run({ url: `${base}/zaken/2`, bodyVariable: 'aanvraag' }, { aanvraag: { a: 1 } })).kind).to.equal('complete');
    expect(received.map((r) => [r.method, r.body, r.contentType])).to.deep.equal([
      ['DELETE', '', undefined],
      ['GET', '', undefined],
    ]);
  });

  it('keeps a text answer as text, and an empty one as an empty string', async () => {
    expect(await run({ url: `${base}/tekst` })).to.deep.equal({ kind: 'complete', variables: { response: { status: 200, body: 'alles in orde' } } });
    expect(await run({ url: `${base}/leeg`, method: 'PUT' })).to.deep.equal({ kind: 'complete', variables: { response: { status: 204, body: '' } } });
  });

  it('fails on a 5xx answer, saying the status, the answer and that the job is retried', async () => {
    const message = failureOf(await run({ url: `${base}/kapot` }));
    expect(message).to.include(`GET ${base}/kapot answered 500`);
    expect(message).to.include('database weg');
    expect(message).to.match(/retried/);
  });

  it('fails on a 4xx answer, saying the status and that retrying will not help', async () => {
    const message = failureOf(await run({ url: `${base}/geweigerd`, method: 'POST' }));
    expect(message).to.include('answered 422');
    expect(message).to.include('postcode ontbreekt');
    expect(message).to.match(/retrying will not help/);
  });

  it('fails when the answer takes longer than timeoutMs', async () => {
    const started = Date.now();
    const message = failureOf(await run({ url: `${base}/traag`, timeoutMs: '150' }));
    expect(Date.now() - started).to.be.below(1500);
    expect(message).to.include('no answer within 150 ms');
    expect(message).to.match(/retried/);
  });

  it('fails when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const message = failureOf(await run({ url: `http://127.0.0.1:${port}/weg` }));
    expect(message).to.include('could not be sent: ECONNREFUSED');
    expect(message).to.match(/retried/);
  });

  it('fails when a JSON answer is not JSON', async () => {
    expect(failureOf(await run({ url: `${base}/geen-json` }))).to.match(/not JSON/);
  });

  describe('refuses headers it cannot use, without sending anything', () => {
    const cases: [string, Record<string, string>, Record<string, unknown>, RegExp][] = [
      ['no url', {}, {}, /task header "url" is missing/],
      ['a url that is not a full URL', { url: '/zaken/1' }, {}, /does not give a full URL: "\/zaken\/1"/],
      ['a url that is not http or https', { url: 'file:///etc/passwd' }, {}, /only http: and https: URLs are allowed, not file:/],
      ['a url template that does not parse', { url: 'http://127.0.0.1/{{#if x}}' }, {}, /"url" is not a valid template/],
      ['an unknown method', { url: 'http://127.0.0.1/', method: 'FETCH' }, {}, /"method" is "FETCH"; use one of GET, HEAD, POST/],
      ['a timeout that is not a number', { url: 'http://127.0.0.1/', timeoutMs: 'lang' }, {}, /"timeoutMs" is "lang"/],
      ['a bodyVariable without a value', { url: 'http://127.0.0.1/', method: 'POST', bodyVariable: 'aanvraag' }, {}, /variable "aanvraag" .* has no value/],
    ];
    for (const [what, headers, variables, expected] of cases) {
      it(`on ${what}`, async () => {
        let called = false;
        const spy = httpWorker({
          fetch: async () => {
            called = true;
            return new Response('{}');
          },
        });
        const message = failureOf(await spy.run(jobFor('zaak-1', 'loket:http', headers, variables as never), noDatabase));
        expect(message).to.match(expected);
        expect(called).to.equal(false);
      });
    }
  });

  it('uses the fetch it is given, with a timeout signal', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fake = httpWorker({
      fetch: async (url, init) => {
        calls.push({ url: String(url), ...(init ? { init } : {}) });
        return new Response('{"ok":true}', { status: 201, headers: { 'content-type': 'application/problem+json' } });
      },
    });
    const outcome = await fake.run(jobFor('zaak-1', 'loket:http', { url: 'https://api.example.be/registraties', method: 'PATCH', bodyVariable: 'x' }, { x: [1, 2] }), noDatabase);
    expect(outcome).to.deep.equal({ kind: 'complete', variables: { response: { status: 201, body: { ok: true } } } });
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal('https://api.example.be/registraties');
    expect(calls[0]!.init?.method).to.equal('PATCH');
    expect(calls[0]!.init?.body).to.equal('[1,2]');
    expect(calls[0]!.init?.signal).to.be.instanceOf(AbortSignal);
  });
});
