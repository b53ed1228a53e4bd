import { expect } from 'chai';
import { startTestServer, type TestServer } from './harness.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const process = (id: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="d-${id}" targetNamespace="t"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;

const PARENT = process(
  'verhuis',
  `<bpmn:startEvent id="s"/>
   <bpmn:callActivity id="adres"><bpmn:extensionElements><zeebe:calledElement processId="adreswijziging"/></bpmn:extensionElements></bpmn:callActivity>
   <bpmn:endEvent id="e"/>
   <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="adres"/><bpmn:sequenceFlow id="f2" sourceRef="adres" targetRef="e"/>`,
);
const CHILD = process(
  'adreswijziging',
  `<bpmn:startEvent id="s"/>
   <bpmn:exclusiveGateway id="nieuw"/>
   <bpmn:scriptTask id="adres"><bpmn:extensionElements><zeebe:script expression="=straat + &quot; &quot; + string(huisnummer)" resultVariable="adres"/></bpmn:extensionElements></bpmn:scriptTask>
   <bpmn:endEvent id="e"/>
   <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="nieuw"/>
   <bpmn:sequenceFlow id="f2" sourceRef="nieuw" targetRef="adres"><bpmn:conditionExpression>=huisnummer &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="f3" sourceRef="adres" targetRef="e"/>`,
);

describe('server: a case calls another (call activity)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server?.close());

  it("shows the called case's incident on the caller, and resolving it there lets both go on", async () => {
    const admin = server.api(await server.adminToken());
    const deployed = await admin.post('/api/deployments', { name: 'verhuizen', resources: [{ name: 'v.bpmn', content: PARENT }, { name: 'a.bpmn', content: CHILD }] });
    expect(deployed.status).to.equal(201);
    const parent = await admin.post('/api/process-instances', { processKey: 'verhuis', variables: { straat: 'Kerkstraat' } });
    expect(parent.body.state).to.equal('active');
    const [child] = (await admin.get('/api/process-instances?processKey=adreswijziging')).body;
    expect(child.parentInstanceId).to.equal(parent.body.id);
    expect(child.state).to.equal('incident');

    const seen = (await admin.get(`/api/process-instances/${parent.body.id}`)).body;
    expect(seen.state).to.equal('incident');
    expect(seen.activeElementIds).to.deep.equal(['adres']);
    expect(seen.incidents).to.have.length(1);
    expect(seen.incidents[0]).to.include({ elementId: 'nieuw', processInstanceId: child.id });

    expect((await admin.put(`/api/process-instances/${child.id}/variables`, { huisnummer: 12 })).status).to.equal(200);
    expect((await admin.post(`/api/incidents/${seen.incidents[0].id}/resolve`)).status).to.equal(200);
    const done = (await admin.get(`/api/process-instances/${parent.body.id}`)).body;
    expect(done.state).to.equal('completed');
    expect(done.variables).to.include({ adres: 'Kerkstraat 12' });
    expect(done.incidents).to.deep.equal([]);
  });
});
