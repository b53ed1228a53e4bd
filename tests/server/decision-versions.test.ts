import { expect } from 'chai';
import { bpmnProcess, chain, dmnTable, end, start } from './fixtures/definitions.js';
import { startTestServer, type TestServer } from './harness.js';

const tarief = (amount: number) =>
  dmnTable({ id: 'tarief', name: 'Tarief', hitPolicy: 'FIRST', inputs: [['Leden', 'leden']], outputs: [{ name: 'bedrag' }], rules: [['r', ['-'], [String(amount)]]] });

/** start → business rule task deciding by the date the application was received (loket:decisionDate) → end. */
const aanvraag = bpmnProcess('aanvraag-tarief', [
  start(),
  '<bpmn:businessRuleTask id="toetsen" name="Tarief bepalen"><bpmn:extensionElements>' +
    '<zeebe:calledDecision decisionId="tarief" resultVariable="bedrag" />' +
    '<zeebe:properties><zeebe:property name="loket:decisionDate" value="=ontvangen" /></zeebe:properties>' +
    '</bpmn:extensionElements></bpmn:businessRuleTask>',
  end(),
  chain('start', 'toetsen', 'end'),
]);

describe('server: decisions pinned in time (validFrom)', () => {
  let server: TestServer;
  let token: string;
  const deploy = (body: object) => server.api(token).post('/api/deployments', body);

  before(async () => {
    // The server's clock says 1 December 2026: the new rules of 2027 are deployed ahead of time.
    server = await startTestServer({ clock: () => new Date('2026-12-01T10:00:00Z') });
    token = await server.adminToken();
    const v1 = await deploy({ name: 'tarief 2026', resources: [{ name: 'tarief.dmn', content: tarief(100) }, { name: 'aanvraag.bpmn', content: aanvraag }] });
    expect(v1.status, JSON.stringify(v1.body)).to.equal(201);
    const v2 = await deploy({ name: 'tarief 2027', validFrom: '2027-01-01', resources: [{ name: 'tarief.dmn', content: tarief(150) }] });
    expect(v2.status, JSON.stringify(v2.body)).to.equal(201);
    expect(v2.body.decisions.map((d: { key: string; version: number }) => [d.key, d.version])).to.deep.equal([['tarief', 2]]);
  });
  after(async () => {
    await server?.close();
  });

  it('lists every version with the moment it takes effect (midnight in Brussels)', async () => {
    const versions = await server.api(token).get('/api/decisions/tarief/versions');
    expect(versions.status).to.equal(200);
    expect(versions.body.map((v: { version: number; validFrom: string | null }) => [v.version, v.validFrom])).to.deep.equal([
      [2, '2026-12-31T23:00:00.000Z'],
      [1, null],
    ]);
    expect((await server.api(token).get('/api/decisions/bestaat-niet/versions')).status).to.equal(404);
  });

  it('evaluates the version in force at "at", and now by default', async () => {
    const evaluate = (at?: string) => server.api(token).post('/api/decisions/tarief/evaluate', { variables: { leden: 5 }, ...(at ? { at } : {}) });
    const now = await evaluate();
    expect([now.body.outputs, now.body.version, now.body.validFrom]).to.deep.equal([{ bedrag: 100 }, 1, null]);
    const later = await evaluate('2027-02-01');
    expect([later.body.outputs, later.body.version, later.body.validFrom]).to.deep.equal([{ bedrag: 150 }, 2, '2026-12-31T23:00:00.000Z']);
    // 31 December 2026 at 23:59 in Brussels is still 2026.
    expect((await evaluate('2026-12-31T23:59:00')).body.version).to.equal(1);
    const bad = await evaluate('31/12/2026');
    expect(bad.status).to.equal(400);
    expect(bad.body.message).to.include('"at"');
  });

  it('decides each case by the rules in force when its application was received, and says which version decided', async () => {
    const api = server.api(token);
    for (const [ontvangen, bedrag, version] of [
      ['2026-12-15', 100, 1],
      ['2027-01-10', 150, 2],
    ] as const) {
      const started = await api.post('/api/process-instances', { processKey: 'aanvraag-tarief', variables: { ontvangen, leden: 5 } });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
      expect(started.body.variables.bedrag, ontvangen).to.equal(bedrag);
      const history = await api.get(`/api/process-instances/${started.body.id}/history`);
      const event = history.body.events.find((e: { type: string }) => e.type === 'decision-evaluated');
      expect(event.data.decisionVersion, ontvangen).to.equal(version);
    }
  });

  it('keeps the version for identical content and validFrom, and makes a new one for another validFrom', async () => {
    const same = await deploy({ name: 'opnieuw', validFrom: '2027-01-01', resources: [{ name: 'tarief.dmn', content: tarief(150) }] });
    expect(same.body.decisions[0].version).to.equal(2);
    const moved = await deploy({ name: 'uitgesteld', validFrom: '2027-04-01', resources: [{ name: 'tarief.dmn', content: tarief(150) }] });
    expect(moved.body.decisions[0].version).to.equal(3);
    const evaluated = await server.api(token).post('/api/decisions/tarief/evaluate', { variables: { leden: 5 }, at: '2027-02-01' });
    expect(evaluated.body.version).to.equal(2);
  });

  it('refuses a validFrom that is not a date and deploys nothing', async () => {
    const response = await deploy({ name: 'fout', validFrom: '2027-13-01', resources: [{ name: 'tarief.dmn', content: tarief(999) }] });
    expect(response.status).to.equal(400);
    expect(response.body.message).to.include('validFrom');
    const versions = await server.api(token).get('/api/decisions/tarief/versions');
    expect(versions.body.map((v: { version: number }) => v.version)).to.not.include(4);
  });
});
