import { expect } from 'chai';
import { createUsers, openTaskAt, openTasksOf, PROCESSES_DIR } from './fixtures/cases.js';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';

const MOVE = {
  naam: 'Sara El Amrani',
  email: 'sara.elamrani@example.be',
  telefoon: '0486 55 44 33',
  nieuwAdres: 'Stationsstraat 21 bus 3',
  oudAdres: 'Dorpsplein 2, Mechelen',
  verhuisdatum: '2026-12-15',
  aantalBewoners: 4,
  bewonerskaart: true,
  nummerplaat: '1-ABC-123',
};

describe('moving-house end to end: one report, three departments in parallel, one status for the citizen', function () {
  let server: TestServer;
  let api: Record<string, ApiClient>;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    api = await createUsers(server, [
      { username: 'bert', roles: ['staff'], groups: ['bevolking'] },
      { username: 'ann', roles: ['staff'], groups: ['afval'] },
      { username: 'mo', roles: ['staff'], groups: ['mobiliteit'] },
    ]);
  });
  after(() => server?.close());

  async function report(variables: Record<string, unknown>) {
    const started = await api.bert!.post('/api/process-instances', { processKey: 'moving-house', variables });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    return started.body as { id: string; trackingCode: string; variables: Record<string, unknown> };
  }
  async function complete(who: string, caseId: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTaskAt(api[who]!, caseId, elementId);
    const done = await api[who]!.post(`/api/tasks/${task.id}/complete`, { variables });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
  }
  const statusOf = async (code: string) => (await server.request('GET', `/api/status/${code}`)).body as { status: string; steps: { label: string; state: string; at?: string }[] };

  it('gives each department its own task at once, and the citizen one step until all three are done', async () => {
    const { id, trackingCode, variables } = await report(MOVE);
    expect(variables.containers).to.deep.include({ restafvalLiter: 240, gftLiter: 120 });
    expect((await openTasksOf(api.bert!, id)).map((t) => t.elementId)).to.deep.equal(['AdresInschrijven']);
    expect((await openTasksOf(api.ann!, id)).map((t) => t.elementId)).to.deep.equal(['ContainersLeveren']);
    expect((await openTasksOf(api.mo!, id)).map((t) => t.elementId)).to.deep.equal(['BewonerskaartAanpassen']);

    let status = await statusOf(trackingCode);
    expect(status.steps.map(({ label, state }) => ({ label, state }))).to.deep.equal([
      { label: 'Gemeld', state: 'done' },
      { label: 'Wij passen uw gegevens aan', state: 'current' },
      { label: 'Alles is aangepast', state: 'upcoming' },
    ]);
    await complete('ann', id, 'ContainersLeveren', { leverdatum: '2026-12-16' });
    await complete('bert', id, 'AdresInschrijven', { woonstcontrole: 'positief', ingeschrevenOp: '2026-12-18' });
    status = await statusOf(trackingCode);
    expect(status.steps[1]).to.include({ label: 'Wij passen uw gegevens aan', state: 'current' });
    expect(status.status).to.equal('in-progress');
    await complete('mo', id, 'BewonerskaartAanpassen', { parkeerzone: 'Centrum', kaartAangepast: true });

    status = await statusOf(trackingCode);
    expect(status.status).to.equal('completed');
    expect(status.steps.map(({ label, state }) => ({ label, state }))).to.deep.equal([
      { label: 'Gemeld', state: 'done' },
      { label: 'Wij passen uw gegevens aan', state: 'done' },
      { label: 'Alles is aangepast', state: 'done' },
    ]);
    const mails = (await api.bert!.get(`/api/outbox?processInstanceId=${id}`)).body as { subject: string; body: string }[];
    const done = mails.find((m) => m.subject === 'Uw verhuizing is verwerkt')!;
    expect(done.body).to.include('240 liter restafval').and.to.include('woensdag 16 december 2026').and.to.include('zone Centrum').and.to.include('vrijdag 18 december 2026');
  });

  it('leaves the parking desk out for whoever has no residents’ card, and says so when the residence check fails', async () => {
    const { id, trackingCode, variables } = await report({ ...MOVE, bewonerskaart: false, nummerplaat: undefined, aantalBewoners: 1 });
    expect(variables.containers).to.deep.include({ restafvalLiter: 40, gftLiter: 40 });
    expect(await openTasksOf(api.mo!, id)).to.deep.equal([]);
    await complete('bert', id, 'AdresInschrijven', { woonstcontrole: 'negatief', opmerking: 'Niemand aangetroffen, twee keer.' });
    expect((await statusOf(trackingCode)).status).to.equal('in-progress');
    await complete('ann', id, 'ContainersLeveren', { leverdatum: '2026-12-16' });
    const status = await statusOf(trackingCode);
    expect(status.status).to.equal('completed');
    expect(status.steps.map((s) => s.label)).to.deep.equal(['Gemeld', 'Wij passen uw gegevens aan']);
    const mails = (await api.bert!.get(`/api/outbox?processInstanceId=${id}`)).body as { subject: string; body: string }[];
    expect(mails.map((m) => m.subject)).to.include('Uw verhuizing naar Stationsstraat 21 bus 3');
    expect(JSON.stringify(mails)).not.to.include('Niemand aangetroffen');
  });
});
