import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../harness.js';
import { createUsers } from '../fixtures/cases.js';
import { deployedTemplates } from '../../../server/src/jobs/templates.js';
import { builtInWorkers, mailWorker } from '../../../server/src/jobs/workers/index.js';
import type { BuiltInWorker, JobOutcome } from '../../../server/src/jobs/worker.js';
import { deployResources, jobFor, outboxRowsOfJob, runInTransaction, startCase, waitingProcess } from './helpers.js';

const TEMPLATE = 'ontvangstbevestiging.mail.hbs';
const TEMPLATE_TEXT = [
  '<p>Beste {{aanvrager.naam}},</p>',
  '<p>We ontvingen uw aanvraag {{zaaknummer}}.</p>',
  '{{#if bijlagen}}<ul>{{#each bijlagen}}<li>{{this}}</li>{{/each}}</ul>{{/if}}',
].join('\n');

const VARIABLES = {
  aanvrager: { naam: 'Jan <Peeters> & Zn', email: 'jan.peeters@example.be' },
  zaaknummer: 'Z-2024-001',
  bijlagen: ['plan.pdf', 'foto.jpg'],
};

const HEADERS = { template: TEMPLATE, to: 'balie@gemeente.example.be', subject: 'Uw aanvraag {{zaaknummer}} van {{aanvrager.naam}}' };

function failureOf(outcome: JobOutcome): string {
  expect(outcome.kind, JSON.stringify(outcome)).to.equal('fail');
  return (outcome as { message: string }).message;
}

describe('server: the loket:mail worker', () => {
  let server: TestServer;
  let owner: ApiClient;
  let staff: ApiClient;
  let reviewer: ApiClient;
  let worker: BuiltInWorker;
  let caseId: string;
  const clockAt = new Date('2024-11-22T09:30:00.000Z');

  before(async () => {
    server = await startTestServer();
    ({ eigenaar: owner, staf: staff, beoordelaar: reviewer } = (await createUsers(server, [
      { username: 'eigenaar', roles: ['process-owner'], groups: [] },
      { username: 'staf', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'beoordelaar', roles: ['reviewer'], groups: ['college'] },
    ])) as Record<string, ApiClient>);
    await deployResources(owner, [
      { name: 'melding.bpmn', content: waitingProcess('melding') },
      { name: TEMPLATE, content: TEMPLATE_TEXT },
      { name: 'kapot-bij-renderen.hbs', content: 'Datum: {{formatDatum ontvangen}}' },
    ]);
    caseId = await startCase(owner, 'melding', VARIABLES);
    worker = mailWorker(deployedTemplates(), { clock: () => clockAt });
  });
  after(async () => {
    await server?.close();
  });

  it('is one of the built-in workers, with the job type loket:mail', () => {
    const types = builtInWorkers(deployedTemplates()).map((w) => w.type);
    expect(types).to.have.members(['loket:mail', 'loket:http']);
    expect(worker.type).to.equal('loket:mail');
  });

  it('writes the rendered mail to the outbox and completes without variables', async () => {
    const job = jobFor(caseId, 'loket:mail', HEADERS, VARIABLES);
    expect(await runInTransaction(server, worker, job)).to.deep.equal({ kind: 'complete', variables: {} });

    const rows = await outboxRowsOfJob(server, job.id);
    expect(rows).to.have.length(1);
    const row = rows[0]!;
    expect(row.process_instance_id).to.equal(caseId);
    expect(row.recipient).to.equal('balie@gemeente.example.be');
    // The subject is plain text: nothing escaped.
    expect(row.subject).to.equal('Uw aanvraag Z-2024-001 van Jan <Peeters> & Zn');
    // The body is HTML: values are escaped, the template's own markup is not.
    expect(row.body).to.equal(
      [
        '<p>Beste Jan &lt;Peeters&gt; &amp; Zn,</p>',
        '<p>We ontvingen uw aanvraag Z-2024-001.</p>',
        '<ul><li>plan.pdf</li><li>foto.jpg</li></ul>',
      ].join('\n'),
    );
    expect(row.sent_at).to.equal(null);
  });

  it('writes one row when the same job runs again', async () => {
    const job = jobFor(caseId, 'loket:mail', HEADERS, VARIABLES);
    expect((await runInTransaction(server, worker, job)).kind).to.equal('complete');
    expect((await runInTransaction(server, worker, { ...job, variables: { ...VARIABLES, zaaknummer: 'Z-ANDERS' } })).kind).to.equal('complete');
    const rows = await outboxRowsOfJob(server, job.id);
    expect(rows).to.have.length(1);
    expect(rows[0]!.subject).to.include('Z-2024-001');
  });

  it('writes nothing when the job transaction rolls back', async () => {
    const job = jobFor(caseId, 'loket:mail', HEADERS, VARIABLES);
    const failure = await server.services.dataSource
      .transaction(async (em) => {
        expect((await worker.run(job, em)).kind).to.equal('complete');
        expect(await em.query('SELECT id FROM outbox WHERE job_id = $1', [job.id])).to.have.length(1);
        throw new Error('the job could not be completed');
      })
      .catch((err: Error) => err);
    expect(failure).to.be.instanceOf(Error).with.property('message', 'the job could not be completed');
    expect(await outboxRowsOfJob(server, job.id)).to.deep.equal([]);
  });

  it('takes the recipient from the variable named by toVariable', async () => {
    const job = jobFor(caseId, 'loket:mail', { template: TEMPLATE, subject: 'Ontvangen', toVariable: 'email' }, { ...VARIABLES, email: ' jan.peeters@example.be ' });
    expect((await runInTransaction(server, worker, job)).kind).to.equal('complete');
    const rows = await outboxRowsOfJob(server, job.id);
    expect(rows.map((r) => r.recipient)).to.deep.equal(['jan.peeters@example.be']);
  });

  describe('fails with a message the process owner can act on, and writes nothing', () => {
    const cases: [string, Record<string, string>, Record<string, unknown>, RegExp][] = [
      ['no template header', { to: 'a@example.be', subject: 'x' }, {}, /task header "template" is missing/],
      ['no subject header', { template: TEMPLATE, to: 'a@example.be' }, {}, /task header "subject" is missing/],
      ['an unknown template', { template: 'bestaat-niet.hbs', to: 'a@example.be', subject: 'x' }, {}, /no template "bestaat-niet\.hbs" is deployed/],
      ['no recipient', { template: TEMPLATE, subject: 'x' }, {}, /recipient is missing.*"to".*"toVariable"/],
      ['a "to" that is not an address', { template: TEMPLATE, subject: 'x', to: 'jan peeters' }, {}, /"to" is not an e-mail address: "jan peeters"/],
      ['both to and toVariable', { template: TEMPLATE, subject: 'x', to: 'a@example.be', toVariable: 'email' }, { email: 'b@example.be' }, /either .* not both/],
      ['a toVariable without a value', { template: TEMPLATE, subject: 'x', toVariable: 'email' }, {}, /variable "email" .* has no value/],
      ['a toVariable that is not an address', { template: TEMPLATE, subject: 'x', toVariable: 'email' }, { email: 'geen-adres@' }, /variable "email" .* not an e-mail address: "geen-adres@"/],
      ['a toVariable that is not a string', { template: TEMPLATE, subject: 'x', toVariable: 'email' }, { email: 42 }, /not an e-mail address: 42/],
      ['a helper the template uses that does not exist', { template: 'kapot-bij-renderen.hbs', subject: 'x', to: 'a@example.be' }, {}, /"kapot-bij-renderen\.hbs" could not be rendered: .*formatDatum/],
    ];
    for (const [what, headers, variables, expected] of cases) {
      it(`on ${what}`, async () => {
        const job = jobFor(caseId, 'loket:mail', headers, variables as never);
        const message = failureOf(await runInTransaction(server, worker, job));
        expect(message).to.match(expected);
        expect(message).to.include('loket:mail task "verzenden"');
        expect(await outboxRowsOfJob(server, job.id)).to.deep.equal([]);
      });
    }
  });

  it('keeps a subject on one line', async () => {
    const job = jobFor(caseId, 'loket:mail', { ...HEADERS, subject: 'Aanvraag {{titel}}' }, { titel: 'A\r\nBcc: iemand@example.be' });
    expect((await runInTransaction(server, worker, job)).kind).to.equal('complete');
    expect((await outboxRowsOfJob(server, job.id))[0]!.subject).to.equal('Aanvraag A Bcc: iemand@example.be');
  });

  describe('GET /api/outbox', () => {
    let otherCaseId: string;
    let olderJobId: string;
    let newerJobId: string;

    before(async () => {
      otherCaseId = await startCase(owner, 'melding', VARIABLES);
      const older = jobFor(otherCaseId, 'loket:mail', { ...HEADERS, subject: 'eerste' }, VARIABLES);
      const newer = jobFor(otherCaseId, 'loket:mail', { ...HEADERS, subject: 'tweede' }, VARIABLES);
      olderJobId = older.id;
      newerJobId = newer.id;
      const templates = deployedTemplates();
      await runInTransaction(server, mailWorker(templates, { clock: () => new Date('2024-11-23T08:00:00.000Z') }), older);
      await runInTransaction(server, mailWorker(templates, { clock: () => new Date('2024-11-23T09:00:00.000Z') }), newer);
    });

    it("lists a case's mails to staff, newest first", async () => {
      const response = await staff.get(`/api/outbox?processInstanceId=${otherCaseId}`);
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      expect(response.body.map((m: { jobId: string }) => m.jobId)).to.deep.equal([newerJobId, olderJobId]);
      const [newest] = response.body;
      expect(newest).to.have.all.keys('id', 'processInstanceId', 'jobId', 'recipient', 'subject', 'body', 'createdAt', 'sentAt', 'attempts', 'lastError');
      expect(newest).to.include({
        processInstanceId: otherCaseId,
        jobId: newerJobId,
        recipient: 'balie@gemeente.example.be',
        subject: 'tweede',
        createdAt: '2024-11-23T09:00:00.000Z',
        sentAt: null,
      });
      expect(newest.body).to.include('Beste Jan &lt;Peeters&gt; &amp; Zn,');
    });

    it('lists every case without a filter, newest first', async () => {
      const response = await server.api(await server.adminToken()).get('/api/outbox');
      expect(response.status).to.equal(200);
      const cases = new Set(response.body.map((m: { processInstanceId: string }) => m.processInstanceId));
      expect([...cases]).to.have.members([caseId, otherCaseId]);
      const times = response.body.map((m: { createdAt: string }) => m.createdAt);
      expect(times).to.deep.equal([...times].sort().reverse());
      expect(times[0]).to.equal('2024-11-23T09:00:00.000Z');
    });

    it('answers an empty list for a case without mails', async () => {
      const response = await staff.get('/api/outbox?processInstanceId=geen-zaak');
      expect(response.status).to.equal(200);
      expect(response.body).to.deep.equal([]);
    });

    it('answers 400 for an unknown query parameter or an empty filter', async () => {
      const unknown = await staff.get('/api/outbox?zaak=1');
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error).to.equal('bad-request');
      expect(unknown.body.details.map((d: { path: string }) => d.path)).to.deep.equal(['/zaak']);
      expect((await staff.get('/api/outbox?processInstanceId=')).status).to.equal(400);
    });

    it('answers 403 to a reviewer and 401 without a token', async () => {
      expect((await reviewer.get('/api/outbox')).status).to.equal(403);
      expect((await server.request('GET', '/api/outbox')).status).to.equal(401);
    });

    it('is described in the OpenAPI document', async () => {
      const response = await server.request('GET', '/api/openapi.json');
      expect(response.status).to.equal(200);
      expect(response.body.paths['/api/outbox'].get.responses).to.have.property('200');
    });
  });
});
