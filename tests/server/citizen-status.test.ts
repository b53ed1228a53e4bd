import { expect } from 'chai';
import { normalTrackingCode } from '../../server/src/services/citizen-status.js';
import { createUsers, openTaskAt, PETANQUE_CLUB, PROCESSES_DIR } from './fixtures/cases.js';
import { bpmnProcess, chain, end } from './fixtures/definitions.js';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';

const LOKET_NS = 'xmlns:loket="https://loket.dev/schema/bpmn/1.0"';
import { Browser } from './pages/page-browser.js';

/** Every text and number a case holds, however deep: what must never reach its citizen. */
function valuesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 3 ? [value] : [];
  if (typeof value === 'number') return Math.abs(value) >= 100 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(valuesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(valuesIn);
  return [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the citizen’s status by tracking code (API and page)', function () {
  let server: TestServer;
  let api: Record<string, ApiClient>;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    api = await createUsers(server, [
      { username: 'an.peeters', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien.janssens', roles: ['staff'], groups: ['financien'] },
      { username: 'cor.collegelid', roles: ['reviewer'], groups: ['college'] },
    ]);
  });
  after(() => server?.close());

  async function startCase(businessKey: string) {
    const started = await api['an.peeters']!.post('/api/process-instances', { processKey: 'subsidy-club', businessKey, variables: PETANQUE_CLUB });
    expect(started.status).to.equal(201);
    return started.body as { id: string; trackingCode: string };
  }

  async function complete(who: string, caseId: string, elementId: string, variables: Record<string, unknown>) {
    const task = await openTaskAt(api[who]!, caseId, elementId);
    const done = await api[who]!.post(`/api/tasks/${task.id}/complete`, { variables });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
  }

  /** Everything a case holds that its citizen must not see: its variables, the people and data of its history, every user, its ids. */
  async function secretsOf(id: string): Promise<Set<string>> {
    const admin = server.api(await server.adminToken());
    const instance = (await admin.get(`/api/process-instances/${id}`)).body;
    const history = (await admin.get(`/api/process-instances/${id}/history`)).body.events as { user?: string; data?: unknown }[];
    const users = (await admin.get('/api/users')).body as { username: string; displayName: string }[];
    return new Set([
      ...valuesIn(instance.variables),
      ...history.flatMap((event) => [...(event.user ? [event.user] : []), ...valuesIn(event.data)]),
      ...users.flatMap((user) => [user.username, user.displayName]),
      id,
      ...(instance.businessKey ? [instance.businessKey] : []),
    ]);
  }

  it('reads a typed code as the letter shows it, in any case and with or without dashes', () => {
    expect(normalTrackingCode('k7qm 4xpr 9dta')).to.equal('K7QM-4XPR-9DTA');
    expect(normalTrackingCode('K7QM4XPR9DTA')).to.equal('K7QM-4XPR-9DTA');
    expect(normalTrackingCode('K7QM-4XPR')).to.equal(undefined);
    expect(normalTrackingCode("' OR 1=1 --")).to.equal(undefined);
  });

  it('shows the labelled steps: done with their date, the current one, and those still to come', async () => {
    const { trackingCode } = await startCase('STATUS-1');
    const response = await server.request('GET', `/api/status/${trackingCode}`);
    expect(response.status).to.equal(200);
    const body = response.body;
    expect(body).to.include({ trackingCode, title: 'Subsidie voor een vereniging', status: 'in-progress' });
    expect(body.steps.map((s: { label: string; state: string }) => `${s.state}: ${s.label}`)).to.deep.equal([
      'done: Aanvraag ontvangen',
      'current: Uw aanvraag wordt nagekeken',
      'upcoming: Wij vragen u om extra gegevens',
      'upcoming: Het besluit wordt voorbereid',
      'upcoming: Het college beslist',
      'upcoming: De subsidie wordt uitbetaald',
      'upcoming: Subsidie toegekend',
      'upcoming: Wij schrijven u een brief met de reden',
      'upcoming: Aanvraag afgewezen',
    ]);
    expect(body.steps[0].at).to.be.a('string');
    expect(body.steps[1].at).to.be.a('string');
    expect(body.steps[2]).not.to.have.property('at');
  });

  it('leaves out what the case can no longer reach, and ends with what happened', async () => {
    const { id, trackingCode } = await startCase('STATUS-2');
    await complete('an.peeters', id, 'AanvraagControleren', { aanvraagVolledig: true, opmerking: 'Intern: de penningmeester belde twee keer.' });
    await complete('fien.janssens', id, 'BesluitVoorbereiden', { toegekendBedrag: 1000, motivering: 'Volgens regel 7 van het reglement.' });
    await complete('cor.collegelid', id, 'BesluitGoedkeuren', { goedgekeurd: true, opmerking: 'Akkoord, maar volgend jaar strenger.' });
    await complete('fien.janssens', id, 'BetalingUitvoeren', { betaald: true, betalingskenmerk: 'SUB-2025-0042' });
    const body = (await server.request('GET', `/api/status/${trackingCode}`)).body;
    expect(body.status).to.equal('completed');
    expect(body.steps.map((s: { label: string; state: string }) => `${s.state}: ${s.label}`)).to.deep.equal([
      'done: Aanvraag ontvangen',
      'done: Uw aanvraag wordt nagekeken',
      'done: Het besluit wordt voorbereid',
      'done: Het college beslist',
      'done: De subsidie wordt uitbetaald',
      'done: Subsidie toegekend',
    ]);
  });

  it('never shows a variable, a civil servant or a note: not in the API, not on the page', async () => {
    const { id, trackingCode } = await startCase('STATUS-3');
    await complete('an.peeters', id, 'AanvraagControleren', { aanvraagVolledig: true, opmerking: 'Intern: de penningmeester belde twee keer.' });
    const prepare = await openTaskAt(api['fien.janssens']!, id, 'BesluitVoorbereiden');
    expect((await api['fien.janssens']!.post(`/api/tasks/${prepare.id}/claim`)).status).to.equal(200);
    const secrets = await secretsOf(id);
    // The service's own name is public, and so are the moments of its steps (they are what "klaar op" shows).
    for (const allowed of ['Subsidie voor een vereniging']) secrets.delete(allowed);
    for (const secret of secrets) if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(secret)) secrets.delete(secret);
    expect(secrets.size).to.be.greaterThan(10);

    const answer = await server.request('GET', `/api/status/${trackingCode}`);
    const page = await new Browser(server.url).get(`/status/${trackingCode}`);
    expect(page.status).to.equal(200);
    expect(Object.keys(answer.body).sort()).to.deep.equal(['actions', 'status', 'steps', 'title', 'trackingCode']);
    expect(answer.body.actions).to.deep.equal([]);
    for (const step of answer.body.steps) expect(Object.keys(step).every((key) => ['label', 'state', 'at', 'expected'].includes(key))).to.equal(true);
    for (const [where, text] of [['API', JSON.stringify(answer.body)], ['page', page.text]] as const) {
      for (const secret of secrets) {
        expect(new RegExp(`(^|[^\\w])${escapeRegExp(secret)}([^\\w]|$)`).test(text), `${where} shows "${secret}"`).to.equal(false);
      }
    }
    expect(page.text).to.include('Het besluit wordt voorbereid').and.to.include('Uw aanvraag is in behandeling.');
  });

  it('never shows a variable, a civil servant or a note of a street-lamp case either, while it offers her action', async () => {
    await createUsers(server, [
      { username: 'omar.od', roles: ['staff'], groups: ['openbaar-domein'] },
      { username: 'wout.ond', roles: ['staff'], groups: ['onderhoud'] },
    ]).then((clients) => Object.assign(api, clients));
    const started = await api['omar.od']!.post('/api/process-instances', {
      processKey: 'street-lamp',
      variables: { naam: 'Suzanne Claes', email: 'suzanne.claes@example.be', telefoon: '0470 99 88 77', straat: 'Kerkstraat 12', paalnummer: 'OV-4471', soortDefect: 'brandt niet', gevaarlijk: false, toelichting: 'Al drie avonden donker.' },
    });
    const { id, trackingCode } = started.body as { id: string; trackingCode: string };
    await complete('omar.od', id, 'MeldingBeoordelen', { beoordeling: 'herstellen', uitlegVoorMelder: 'Intern: kabelbreuk vermoed.' });
    await complete('wout.ond', id, 'HerstellingInplannen', { geplandeDatum: '2026-12-11', werkbonnummer: 'WB-2026-777' });
    await complete('wout.ond', id, 'LampHerstellen', { hersteld: true, watGedaan: 'Lamp en starter vervangen door ploeg 3.' });
    await api['omar.od']!.post('/api/contacts', { channel: 'phone', subject: 'Belt over de lamp', text: 'Mevrouw vraagt of ze moet thuisblijven.', processInstanceId: id });

    const secrets = await secretsOf(id);
    for (const note of ['Belt over de lamp', 'Mevrouw vraagt of ze moet thuisblijven.']) secrets.add(note);
    // Public: the service's name, the words of her button (the process owner wrote them for her), the moments of the steps.
    for (const allowed of ['Defecte straatlamp', 'De lamp brandt nog altijd niet']) secrets.delete(allowed);
    for (const secret of secrets) if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(secret)) secrets.delete(secret);
    expect(secrets.size).to.be.greaterThan(15);

    const answer = await server.request('GET', `/api/status/${trackingCode}`);
    expect(answer.body.actions).to.deep.equal([{ id: 'NogAltijdDefect', label: 'De lamp brandt nog altijd niet' }]);
    const page = await new Browser(server.url).get(`/status/${trackingCode}`);
    expect(page.text).to.include('De lamp brandt nog altijd niet');
    for (const [where, text] of [['API', JSON.stringify(answer.body)], ['page', page.text]] as const) {
      for (const secret of secrets) {
        expect(new RegExp(`(^|[^\\w])${escapeRegExp(secret)}([^\\w]|$)`).test(text), `${where} shows "${secret}"`).to.equal(false);
      }
    }
  });

  it('says by when a current step is expected, when its task has a due date', async () => {
    const admin = server.api(await server.adminToken());
    const xml = bpmnProcess('met-termijn', [
      `<bpmn:startEvent id="s" name="Ontvangen" ${LOKET_NS} loket:publicLabel="Ontvangen" />`,
      `<bpmn:userTask id="t" name="Behandelen" ${LOKET_NS} loket:publicLabel="In behandeling" loket:deadline="5"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /></bpmn:extensionElements></bpmn:userTask>`,
      end('e'),
      chain('s', 't', 'e'),
    ]);
    expect((await admin.post('/api/deployments', { name: 'met-termijn', resources: [{ name: 'met-termijn.bpmn', content: xml }] })).status).to.equal(201);
    const started = await admin.post('/api/process-instances', { processKey: 'met-termijn' });
    const [task] = (await admin.get(`/api/tasks?processInstanceId=${started.body.id}`)).body as { dueDate: string }[];
    const status = (await server.request('GET', `/api/status/${started.body.trackingCode}`)).body;
    expect(status.steps[1]).to.include({ label: 'In behandeling', state: 'current', expected: task!.dueDate });
    const page = await new Browser(server.url).get(`/status/${started.body.trackingCode}`);
    expect(page.text).to.include('verwacht uiterlijk op');
  });

  it('says "in behandeling" while a step is stuck: an incident is the municipality’s business', async () => {
    const { id, trackingCode } = await startCase('STATUS-4');
    await server.services.dataSource.query(`UPDATE process_instances SET status = 'incident' WHERE id = $1`, [id]);
    expect((await server.request('GET', `/api/status/${trackingCode}`)).body.status).to.equal('in-progress');
  });

  it('finds the case from the lookup form, typed loosely, and answers an unknown code kindly', async () => {
    const { trackingCode } = await startCase('STATUS-5');
    const browser = new Browser(server.url);
    const form = await browser.get('/status');
    expect(form.status).to.equal(200);
    expect(form.text).to.include('Waar staat mijn aanvraag?').and.to.include('name="code"');
    const typed = await browser.get(`/status?code=${encodeURIComponent(trackingCode.toLowerCase().replaceAll('-', ' '))}`);
    expect([typed.status, typed.location]).to.deep.equal([303, `/status/${trackingCode}`]);
    const wrong = await browser.get('/status?code=abc');
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.include('Een volgcode bestaat uit 12 letters en cijfers');
    const unknown = await browser.get('/status/AAAA-BBBB-CCCC');
    expect(unknown.status).to.equal(404);
    expect(unknown.text).to.include('We vinden geen aanvraag met de volgcode AAAA-BBBB-CCCC');
    expect((await server.request('GET', '/api/status/AAAA-BBBB-CCCC')).body.error).to.equal('not-found');
  });
});

describe('the status lookups are limited against guessing', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
  });
  after(() => server?.close());

  it('refuses an address that tried too many unknown codes, on the API and on the page, in Dutch there', async () => {
    const admin = server.api(await server.adminToken());
    const started = await admin.post('/api/process-instances', { processKey: 'subsidy-club', variables: PETANQUE_CLUB });
    const codes = Array.from({ length: 10 }, (_, i) => `GUES-SEDC-OD${String(i).padStart(2, '3')}`);
    for (const [i, code] of codes.entries()) {
      const response = i % 2 === 0 ? await server.request('GET', `/api/status/${code}`) : await new Browser(server.url).get(`/status/${code}`);
      expect(response.status, code).to.equal(404);
    }
    const api = await server.request('GET', `/api/status/${started.body.trackingCode}`);
    expect([api.status, api.body.error]).to.deep.equal([429, 'too-many-requests']);
    const page = await new Browser(server.url).get('/status/AAAA-BBBB-CCCC');
    expect(page.status).to.equal(429);
    expect(page.text).to.include('Even geduld').and.to.include('Probeer het over een kwartier opnieuw.');
  });
});
