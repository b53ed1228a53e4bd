import { expect } from 'chai';
import { createUsers, openTaskAt, PROCESSES_DIR } from './fixtures/cases.js';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';

const FINDER = {
  naam: 'Marc Wouters',
  email: 'marc.wouters@example.be',
  telefoon: '0470 12 34 56',
  waar: 'Molenstraat 4, achter de garage',
  beschrijving: 'Rode kater met een witte bef, geen halsband.',
  gewond: false,
  katBijMelder: true,
};

describe('stray-cat end to end: a found cat goes back to its owner or to the shelter', function () {
  let server: TestServer;
  let lies: ApiClient;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    ({ lies } = (await createUsers(server, [{ username: 'lies', roles: ['staff'], groups: ['dierenwelzijn'] }])) as { lies: ApiClient });
  });
  after(() => server?.close());

  async function report() {
    const started = await lies.post('/api/process-instances', { processKey: 'stray-cat', variables: FINDER });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    return started.body as { id: string; trackingCode: string };
  }
  async function complete(caseId: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTaskAt(lies, caseId, elementId);
    expect(task.candidateGroups).to.deep.equal(['dierenwelzijn']);
    const done = await lies.post(`/api/tasks/${task.id}/complete`, { variables });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
  }
  const statusOf = async (code: string) => (await server.request('GET', `/api/status/${code}`)).body as { status: string; steps: { label: string; state: string }[] };
  const labels = async (code: string, state: string) => (await statusOf(code)).steps.filter((s) => s.state === state).map((s) => s.label);
  const mailSubjects = async (caseId: string) => ((await lies.get(`/api/outbox?processInstanceId=${caseId}`)).body as { subject: string }[]).map((m) => m.subject);

  it('a chipped cat: the owner is called and comes to fetch it', async () => {
    const { id, trackingCode } = await report();
    expect(await labels(trackingCode, 'current')).to.deep.equal(['Wij halen de kat op en kijken of ze een chip heeft']);
    await complete(id, 'ChipLezen', { chipGevonden: true, chipnummer: '981200012345678', toestand: 'gezond' });
    expect(await labels(trackingCode, 'current')).to.deep.equal(['Wij contacteren de eigenaar']);
    await complete(id, 'EigenaarContacteren', { eigenaarGevonden: true });
    const status = await statusOf(trackingCode);
    expect(status.status).to.equal('completed');
    expect(status.steps.map((s) => s.label)).to.deep.equal(['Gemeld', 'Wij halen de kat op en kijken of ze een chip heeft', 'Wij contacteren de eigenaar', 'De kat is terug bij haar eigenaar']);
    expect(await mailSubjects(id)).to.have.members([`Uw melding van een zwerfkat (${trackingCode})`, 'De kat is terug bij haar eigenaar']);
  });

  it('a wounded cat without a chip: to the vet, then the shelter, then up for adoption when nobody comes', async () => {
    const { id, trackingCode } = await report();
    const badChip = await lies.post(`/api/tasks/${(await openTaskAt(lies, id, 'ChipLezen')).id}/complete`, { variables: { chipGevonden: true, chipnummer: '12', toestand: 'gezond' } });
    expect(badChip.status).to.equal(400);
    await complete(id, 'ChipLezen', { chipGevonden: false, toestand: 'gewond of ziek' });
    expect((await lies.get(`/api/process-instances/${id}`)).body.variables.beslissing).to.deep.include({ vervolg: 'dierenarts' });
    expect(await labels(trackingCode, 'current')).to.deep.equal(['De kat wordt verzorgd door de dierenarts']);
    await complete(id, 'NaarDierenarts', { verzorgd: true, kostprijs: 85 });
    const shelter = await openTaskAt(lies, id, 'OpvangInAsiel');
    expect(new Date(shelter.dueDate!).getTime() - Date.now()).to.be.within(14.9 * 86_400_000, 15.1 * 86_400_000);
    await complete(id, 'OpvangInAsiel', { asiel: 'Dierenasiel De Zwerver', eigenaarGevonden: false });
    const status = await statusOf(trackingCode);
    expect(status.status).to.equal('completed');
    expect(status.steps.at(-1)).to.deep.include({ label: 'Het asiel zoekt een nieuwe thuis voor de kat', state: 'done' });
    expect(await mailSubjects(id)).to.include('De kat zoekt een nieuwe thuis');
  });

  it('a chipped cat whose owner cannot be reached goes to the shelter, where the owner can still turn up', async () => {
    const { id, trackingCode } = await report();
    await complete(id, 'ChipLezen', { chipGevonden: true, chipnummer: '981200012345679', toestand: 'gezond' });
    await complete(id, 'EigenaarContacteren', { eigenaarGevonden: false, opmerking: 'Nummer buiten gebruik.' });
    expect(await labels(trackingCode, 'current')).to.deep.equal(['De kat wordt opgevangen in het asiel']);
    await complete(id, 'OpvangInAsiel', { asiel: 'Dierenasiel De Zwerver', eigenaarGevonden: true });
    expect((await statusOf(trackingCode)).steps.at(-1)).to.deep.include({ label: 'De kat is terug bij haar eigenaar', state: 'done' });
  });
});
