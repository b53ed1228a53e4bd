import { expect } from 'chai';
import { createUsers, openTaskAt, openTasksOf, PROCESSES_DIR } from './fixtures/cases.js';
import { runDueWork, startTestServer, type ApiClient, type TestServer } from './harness.js';

const DAY_MS = 24 * 3600 * 1000;

/** Suzanne's report, as the public form sends it. */
const SUZANNE = {
  naam: 'Suzanne Claes',
  email: 'suzanne.claes@example.be',
  straat: 'Kerkstraat 12',
  paalnummer: 'OV-4471',
  soortDefect: 'brandt niet',
  gevaarlijk: false,
};

interface Status {
  status: string;
  steps: { label: string; state: string; at?: string; expected?: string }[];
  actions: { id: string; label: string }[];
}

describe('street-lamp end to end: a broken lamp from report to repair, reopened when it still does not burn', function () {
  let server: TestServer;
  let api: Record<string, ApiClient>;
  // Monday 7 December 2026, 09:00 in Brussels; tests move it on.
  let now = new Date('2026-12-07T08:00:00Z').getTime();

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR, clock: () => new Date(now) });
    api = await createUsers(server, [
      { username: 'omar', roles: ['staff'], groups: ['openbaar-domein'] },
      { username: 'wout', roles: ['staff'], groups: ['onderhoud'] },
    ]);
  });
  after(() => server?.close());

  async function report(variables: Record<string, unknown> = SUZANNE) {
    const started = await api.omar!.post('/api/process-instances', { processKey: 'street-lamp', variables });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    return started.body as { id: string; trackingCode: string; variables: Record<string, unknown> };
  }
  async function complete(who: string, caseId: string, elementId: string, variables: Record<string, unknown> = {}) {
    const task = await openTaskAt(api[who]!, caseId, elementId);
    const done = await api[who]!.post(`/api/tasks/${task.id}/complete`, { variables });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
  }
  const statusOf = async (code: string) => (await server.request<Status>('GET', `/api/status/${code}`)).body;
  const current = (status: Status) => status.steps.filter((step) => step.state === 'current').map((step) => step.label);
  const subjects = async (caseId: string) =>
    (await api.omar!.get(`/api/outbox?processInstanceId=${caseId}`)).body as { subject: string; body: string; recipient: string }[];

  it('is deployed on start with its decision and forms, and weighs the report by the lamp rules', async () => {
    const { id, variables } = await report({ ...SUZANNE, soortDefect: 'paal beschadigd' });
    expect(variables.voorrang).to.deep.include({ voorrang: 'dringend', termijnWerkdagen: 2 });
    const dangerous = await report({ ...SUZANNE, gevaarlijk: true, soortDefect: 'knippert' });
    expect(dangerous.variables.voorrang).to.deep.include({ voorrang: 'dringend', termijnWerkdagen: 1 });
    const plain = await report({ ...SUZANNE, soortDefect: 'knippert' });
    expect(plain.variables.voorrang).to.deep.include({ voorrang: 'gewoon', termijnWerkdagen: 15 });
    // The triage is the public-space department's, due in two working days; maintenance does not see it.
    const triage = await openTaskAt(api.omar!, id, 'MeldingBeoordelen');
    expect(triage.candidateGroups).to.deep.equal(['openbaar-domein']);
    expect(triage.dueDate).to.equal('2026-12-09T08:00:00.000Z');
    expect(await openTasksOf(api.wout!, id)).to.deep.equal([]);
  });

  it('plans the repair at maintenance, shows the citizen the planned day, and mails her at each turn', async () => {
    const { id, trackingCode } = await report();
    let status = await statusOf(trackingCode);
    expect(status.steps[0]).to.include({ label: 'Gemeld', state: 'done' });
    expect(current(status)).to.deep.equal(['Wij bekijken uw melding']);
    expect((await subjects(id)).map((m) => m.subject)).to.deep.equal([`Uw melding van een defecte straatlamp (${trackingCode})`]);

    await complete('omar', id, 'MeldingBeoordelen', { beoordeling: 'herstellen' });
    expect(current(await statusOf(trackingCode))).to.deep.equal(['Wij plannen de herstelling']);
    await complete('wout', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-11', werkbonnummer: 'WB-2026-118' });

    const repair = await openTaskAt(api.wout!, id, 'LampHerstellen');
    expect(repair.dueDate).to.equal('2026-12-11T12:00:00.000Z');
    status = await statusOf(trackingCode);
    expect(status.steps.find((step) => step.state === 'current')).to.deep.include({ label: 'Herstelling gepland', expected: '2026-12-11T12:00:00.000Z' });
    const planned = (await subjects(id)).find((m) => m.subject.startsWith('We herstellen'))!;
    expect(planned.subject).to.equal('We herstellen de straatlamp bij Kerkstraat 12 op vrijdag 11 december 2026');
    expect(planned.body).to.include('<strong>vrijdag 11 december 2026</strong>');
    expect(planned.recipient).to.equal('suzanne.claes@example.be');

    // The crew could not fix it that day: a new day is planned.
    await complete('wout', id, 'LampHerstellen', { hersteld: false, watGedaan: 'Onderdeel besteld.' });
    expect(current(await statusOf(trackingCode))).to.deep.equal(['Wij plannen de herstelling']);
    await complete('wout', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-15', werkbonnummer: 'WB-2026-118' });
    expect((await openTaskAt(api.wout!, id, 'LampHerstellen')).dueDate).to.equal('2026-12-15T12:00:00.000Z');
    await complete('wout', id, 'LampHerstellen', { hersteld: true, watGedaan: 'Lamp vervangen.' });

    status = await statusOf(trackingCode);
    expect(status.steps.find((step) => step.label === 'Hersteld')).to.include({ state: 'done' });
    expect(status.actions).to.deep.equal([{ id: 'NogAltijdDefect', label: 'De lamp brandt nog altijd niet' }]);
    const fixed = (await subjects(id)).find((m) => m.subject === 'De straatlamp bij Kerkstraat 12 is hersteld')!;
    expect(fixed.body).to.include(trackingCode).and.to.include('binnen 14 dagen');
  });

  it('reopens when the citizen says, within 14 days, that the lamp still does not burn, once, and on her case file', async () => {
    const { id, trackingCode } = await report();
    await complete('omar', id, 'MeldingBeoordelen', { beoordeling: 'herstellen' });
    await complete('wout', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-11', werkbonnummer: 'WB-2026-200' });
    await complete('wout', id, 'LampHerstellen', { hersteld: true });

    const unknown = await server.request('POST', '/api/status/AAAA-BBBB-CCCC/actions/NogAltijdDefect');
    expect(unknown.status).to.equal(404);
    const wrong = await server.request('POST', `/api/status/${trackingCode}/actions/MeldingBeoordelen`);
    expect(wrong.status).to.equal(409);

    const taken = await server.request<Status>('POST', `/api/status/${trackingCode}/actions/NogAltijdDefect`);
    expect(taken.status, JSON.stringify(taken.body)).to.equal(200);
    expect(current(taken.body)).to.deep.equal(['Wij plannen de herstelling']);
    expect(taken.body.actions).to.deep.equal([]);
    expect((await openTaskAt(api.wout!, id, 'HerstellingInplannen')).candidateGroups).to.deep.equal(['onderhoud']);
    const again = await server.request('POST', `/api/status/${trackingCode}/actions/NogAltijdDefect`);
    expect(again.status).to.equal(409);
    expect(await openTasksOf(api.wout!, id)).to.have.length(1);

    // Her click is a contact moment on the web channel, on the case, with her as the party.
    const contacts = (await api.omar!.get(`/api/contacts?processInstanceId=${id}`)).body as { channel: string; subject: string; registeredBy: string; processInstanceId: string }[];
    expect(contacts.filter((c) => c.processInstanceId === id).map(({ channel, subject, registeredBy }) => ({ channel, subject, registeredBy }))).to.deep.equal([
      { channel: 'web', subject: 'De lamp brandt nog altijd niet', registeredBy: '(burger)' },
    ]);
  });

  it('reopens when the maintenance system reports the work order still open, by its number', async () => {
    const { id, trackingCode } = await report();
    await complete('omar', id, 'MeldingBeoordelen', { beoordeling: 'herstellen' });
    await complete('wout', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-11', werkbonnummer: 'WB-2026-301' });
    await complete('wout', id, 'LampHerstellen', { hersteld: true });
    const admin = server.api(await server.adminToken());
    const published = await admin.post('/api/messages', { name: 'straatlamp-nog-defect', correlationKey: 'WB-2026-301' });
    expect(published.body).to.deep.equal({ correlated: 1, processInstanceIds: [id] });
    expect(current(await statusOf(trackingCode))).to.deep.equal(['Wij plannen de herstelling']);
  });

  it('tells the citizen when there is nothing to repair, or the lamp is not the municipality’s', async () => {
    const healthy = await report();
    await complete('omar', healthy.id, 'MeldingBeoordelen', { beoordeling: 'geen defect', uitlegVoorMelder: 'De lamp was uitgeschakeld voor werken aan de rijweg.' });
    expect((await statusOf(healthy.trackingCode)).status).to.equal('completed');
    const told = (await subjects(healthy.id)).find((m) => m.subject === 'Uw melding van een straatlamp bij Kerkstraat 12')!;
    expect(told.body).to.include('geen defect').and.to.include('De lamp was uitgeschakeld voor werken aan de rijweg.');

    const regional = await report();
    await complete('omar', regional.id, 'MeldingBeoordelen', { beoordeling: 'niet van de gemeente' });
    expect(current(await statusOf(regional.trackingCode))).to.deep.equal(['Wij geven uw melding door']);
    await complete('omar', regional.id, 'DoorgevenAanBeheerder');
    expect((await statusOf(regional.trackingCode)).status).to.equal('completed');
    expect((await subjects(regional.id)).map((m) => m.body).join(' ')).to.include('aan die beheerder doorgegeven');
  });
  // Last: it moves the clock two weeks on, past the tokens of the users above.
  it('closes 14 days after the repair when nobody says otherwise; the action is then no longer offered', async () => {
    const { id, trackingCode } = await report();
    await complete('omar', id, 'MeldingBeoordelen', { beoordeling: 'herstellen' });
    await complete('wout', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-11', werkbonnummer: 'WB-2026-400' });
    await complete('wout', id, 'LampHerstellen', { hersteld: true });
    now += 13 * DAY_MS;
    await runDueWork(server.services);
    expect((await statusOf(trackingCode)).status).to.equal('in-progress');
    now += 1 * DAY_MS + 60_000;
    await runDueWork(server.services);
    const status = await statusOf(trackingCode);
    expect(status.status).to.equal('completed');
    expect(status.steps.at(-1)).to.include({ label: 'Afgesloten', state: 'done' });
    expect(status.actions).to.deep.equal([]);
    expect((await server.request('POST', `/api/status/${trackingCode}/actions/NogAltijdDefect`)).status).to.equal(409);
  });
});
