import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDueWork, type ApiClient, type TestServer } from '../harness.js';
import { historyOf, instanceOf } from '../fixtures/cases.js';
import { TestClock, bpmn, chain, deploy, serverOn, serviceTask, startCase, userTask } from './helpers.js';

/** start → service task of a built-in type → user task "behandelen" → end. */
const builtIn = (key: string, type: string, headers: Record<string, string>) =>
  bpmn(
    key,
    `<bpmn:startEvent id="start"/>
     ${serviceTask('automatisch', type, headers)}
     ${userTask('behandelen')}
     <bpmn:endEvent id="end"/>
     ${chain('start', 'automatisch', 'behandelen', 'end')}`,
  );

describe('server: the built-in workers, run by the job runner', () => {
  const clock = new TestClock();
  let server: TestServer;
  let admin: ApiClient;
  let service: Server;
  let calls = 0;
  const received: string[] = [];
  before(async () => {
    service = createServer((req, res) => {
      calls++;
      received.push(`${req.method} ${req.url}`);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('zaaksysteem plat');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    server = await serverOn(clock);
    admin = server.api(await server.adminToken());
  });
  after(async () => {
    await server?.close();
    await new Promise((resolve) => service.close(resolve));
  });

  it('loket:mail writes the mail from the deployed template to the outbox and the case moves on', async () => {
    await deploy(
      admin,
      [
        { name: 'ontvangst.bpmn', content: builtIn('ontvangst', 'loket:mail', { template: 'ontvangst.mail.hbs', to: 'aanvrager@example.be', subject: 'Ontvangen: {{dossier}}' }) },
        { name: 'ontvangst.mail.hbs', content: '<p>Beste {{naam}}, uw aanvraag {{dossier}} is ontvangen.</p>' },
      ],
      'ontvangst',
    );
    const { id } = await startCase(admin, 'ontvangst', { dossier: 'D-12', naam: 'Jan & Co' });
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['automatisch']);
    expect((await admin.get(`/api/outbox?processInstanceId=${id}`)).body).to.deep.equal([]);

    expect(await runDueWork(server.services)).to.equal(1);
    const outbox = await admin.get(`/api/outbox?processInstanceId=${id}`);
    expect(outbox.status).to.equal(200);
    expect(outbox.body).to.have.length(1);
    expect(outbox.body[0]).to.include({
      processInstanceId: id,
      recipient: 'aanvrager@example.be',
      subject: 'Ontvangen: D-12',
      body: '<p>Beste Jan &amp; Co, uw aanvraag D-12 is ontvangen.</p>',
      sentAt: null,
      createdAt: clock.now().toISOString(),
    });
    expect((await instanceOf(admin, id)).activeElementIds).to.deep.equal(['behandelen']);

    expect(await runDueWork(server.services)).to.equal(0);
    expect((await admin.get(`/api/outbox?processInstanceId=${id}`)).body).to.have.length(1);
  });

  it('a built-in job whose completion the case cannot take counts as a failed attempt and ends in an incident', async () => {
    const ping = '<bpmn:signal id="ping" name="weerkaatst"/>';
    const mail = { template: 'lus.mail.hbs', to: 'aanvrager@example.be', subject: 'Lus' };
    await deploy(
      admin,
      [
        {
          name: 'lus.bpmn',
          content: bpmn(
            'lus',
            `<bpmn:startEvent id="start"/>
             ${serviceTask('automatisch', 'loket:mail', mail)}
             <bpmn:intermediateThrowEvent id="roep"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:intermediateThrowEvent>
             <bpmn:endEvent id="end"/>
             ${chain('start', 'automatisch', 'roep', 'end')}`,
            ping,
          ),
        },
        {
          // Started by the signal, it throws it again: a loop the server stops, so the mail job cannot complete.
          name: 'weerkaatsing.bpmn',
          content: bpmn(
            'weerkaatsing',
            `<bpmn:startEvent id="gehoord"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:startEvent>
             <bpmn:intermediateThrowEvent id="terug"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:intermediateThrowEvent>
             <bpmn:endEvent id="end"/>
             ${chain('gehoord', 'terug', 'end')}`,
            ping,
          ),
        },
        { name: 'lus.mail.hbs', content: '<p>Nogmaals</p>' },
      ],
      'lus',
    );
    const { id } = await startCase(admin, 'lus');
    expect(await runDueWork(server.services)).to.equal(1);
    clock.advance(10_000);
    expect(await runDueWork(server.services)).to.equal(1);
    clock.advance(20_000);
    expect(await runDueWork(server.services)).to.equal(1);

    const stuck = await instanceOf(admin, id);
    expect(stuck.state).to.equal('incident');
    expect(stuck.incidents[0].message).to.match(/the case could not go on: .*more than 64 steps/);
    // Each attempt was rolled back whole: no mail, no case of the other process.
    expect((await admin.get(`/api/outbox?processInstanceId=${id}`)).body).to.deep.equal([]);
    expect((await admin.get('/api/process-instances?processKey=weerkaatsing')).body).to.deep.equal([]);
    clock.advance(3_600_000);
    expect(await runDueWork(server.services)).to.equal(0);
  });

  it('loket:http against a service that answers 500: retried after a growing backoff, then an incident', async () => {
    const url = `http://127.0.0.1:${(service.address() as AddressInfo).port}/zaken/{{dossier}}`;
    await deploy(admin, builtIn('koppeling', 'loket:http', { url, method: 'POST', bodyVariable: 'aanvraag' }), 'koppeling');
    const { id } = await startCase(admin, 'koppeling', { dossier: 'K-1', aanvraag: { bedrag: 500 } });

    expect(await runDueWork(server.services)).to.equal(1);
    expect(received).to.deep.equal(['POST /zaken/K-1']);
    expect((await instanceOf(admin, id)).state).to.equal('active');
    // The first backoff is 10 s, the second 20 s.
    clock.advance(9_999);
    expect(await runDueWork(server.services)).to.equal(0);
    clock.advance(1);
    expect(await runDueWork(server.services)).to.equal(1);
    expect(calls).to.equal(2);
    clock.advance(19_999);
    expect(await runDueWork(server.services)).to.equal(0);
    expect(calls).to.equal(2);
    clock.advance(1);
    expect(await runDueWork(server.services)).to.equal(1);
    expect(calls).to.equal(3);

    const stuck = await instanceOf(admin, id);
    expect(stuck.state).to.equal('incident');
    expect(stuck.activeElementIds).to.deep.equal(['automatisch']);
    expect(stuck.incidents).to.have.length(1);
    expect(stuck.incidents[0].elementId).to.equal('automatisch');
    expect(stuck.incidents[0].message).to.match(/answered 500/);
    const failures = (await historyOf(admin, id)).filter((event) => event.type === 'job-failed');
    // Two failures the job was retried after, then the one that raised the incident.
    expect(failures).to.have.length(3);
    expect(failures.slice(0, 2).map((event) => event.data?.retriesLeft)).to.deep.equal([2, 1]);
    for (const failure of failures) expect(failure.data?.message).to.match(/answered 500/);

    clock.advance(3_600_000);
    expect(await runDueWork(server.services)).to.equal(0);
    expect(calls).to.equal(3);
  });
});
