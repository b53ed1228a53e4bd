import { expect } from 'chai';
import { runDueWork, startTestServer, type TestServer } from '../harness.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d" targetNamespace="t">
  <bpmn:message id="m" name="documenten-ontvangen"><bpmn:extensionElements><zeebe:subscription correlationKey="=dossier"/></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="wacht" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="job"><bpmn:extensionElements><zeebe:taskDefinition type="archief"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="job"/>
    <bpmn:sequenceFlow id="f3" sourceRef="job" targetRef="msg"/>
    <bpmn:sequenceFlow id="f4" sourceRef="msg" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('server: smoke of timers, jobs and messages', () => {
  let server: TestServer;
  let now = Date.parse('2026-03-02T09:00:00Z');
  before(async () => {
    server = await startTestServer({ clock: () => new Date(now), tokenTtlMinutes: 7 * 24 * 60 });
  });
  after(async () => server?.close());

  it('waits for a timer, a job and a message', async () => {
    const admin = server.api(await server.adminToken());
    expect((await admin.post('/api/deployments', { name: 'w', resources: [{ name: 'w.bpmn', content: XML }] })).status).to.equal(201);
    const started = await admin.post('/api/process-instances', { processKey: 'wacht', variables: { dossier: 'D-1' } });
    expect(started.status).to.equal(201);
    expect((await admin.get(`/api/process-instances/${started.body.id}`)).body.activeElementIds).to.deep.equal(['t']);
    expect(await runDueWork(server.services)).to.equal(0);
    now += 3600_000;
    expect(await runDueWork(server.services)).to.equal(1);
    expect((await admin.get(`/api/process-instances/${started.body.id}`)).body.activeElementIds).to.deep.equal(['job']);
    const jobs = await admin.post('/api/jobs/activate', { type: 'archief', worker: 'dms' });
    expect(jobs.status).to.equal(200);
    expect(jobs.body).to.have.length(1);
    expect(jobs.body[0].variables).to.deep.equal({ dossier: 'D-1' });
    expect((await admin.post(`/api/jobs/${jobs.body[0].id}/complete`, { variables: { archiefnummer: 7 } })).status).to.equal(200);
    expect((await admin.post(`/api/jobs/${jobs.body[0].id}/complete`, {})).status).to.equal(409);
    expect((await admin.post('/api/messages', { name: 'documenten-ontvangen', correlationKey: 'D-2' })).body.correlated).to.equal(0);
    const message = await admin.post('/api/messages', { name: 'documenten-ontvangen', correlationKey: 'D-1', variables: { bijlagen: 2 } });
    expect(message.body.correlated).to.equal(1);
    const done = await admin.get(`/api/process-instances/${started.body.id}`);
    expect(done.body.state).to.equal('completed');
    expect(done.body.variables).to.deep.equal({ dossier: 'D-1', archiefnummer: 7, bijlagen: 2 });
  });
});
