import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../harness.js';
import { createUsers, openTaskAt, PETANQUE_CLUB, PROCESSES_DIR } from '../fixtures/cases.js';
import { bpmnProcess, chain, end, start } from '../fixtures/definitions.js';
import { Browser } from './page-browser.js';

/** The text of a page without its markup, spaces collapsed: what a reader sees. */
function readable(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The markup of one field of a task form (the div around it). */
function fieldMarkup(html: string, name: string): string {
  const at = html.indexOf(`id="veld-${name}`);
  expect(at, `field ${name}`).to.be.greaterThan(-1);
  const start = html.lastIndexOf('<div class="field', at);
  return html.slice(start, html.indexOf('</div>\n', at) + 6);
}

describe('pages: inbox, task page, case file, college agenda', function () {
  let server: TestServer;
  let api: Record<string, ApiClient>;
  const browsers: Record<string, Browser> = {};

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    api = await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'bert', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', roles: ['staff'], groups: ['financien'] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
      // Prepares in financien and sits in the college: four eyes keeps her from deciding on her own cases.
      { username: 'dora', roles: ['staff', 'reviewer'], groups: ['financien', 'college'] },
      { username: 'hilde', roles: ['staff', 'department-head'], groups: ['burgerzaken'] },
    ]);
    for (const name of Object.keys(api)) {
      browsers[name] = new Browser(server.url);
      const login = await browsers[name]!.logIn(name, `${name}-wachtwoord`);
      expect(login.status).to.equal(303);
    }
  });
  after(() => server?.close());

  async function startCase(businessKey: string, variables: Record<string, unknown> = PETANQUE_CLUB) {
    const response = await api.an!.post('/api/process-instances', { processKey: 'subsidy-club', businessKey, variables });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body as { id: string; trackingCode: string };
  }

  /** Posts a page's form the way the browser would: with the page's CSRF token. */
  async function post(who: string, path: string, fields: Record<string, string>, from = '/werk') {
    const browser = browsers[who]!;
    const page = await browser.get(from);
    return browser.request('POST', path, { form: { _csrf: Browser.field(page.text, '_csrf'), ...fields } });
  }

  it('lists the open tasks of her departments with counts, and not those of another department', async () => {
    const first = await startCase('SUB-INBOX-1');
    await startCase('SUB-INBOX-2');
    const inbox = await browsers.an!.get('/werk');
    expect(inbox.status).to.equal(200);
    const text = readable(inbox.text);
    expect(text).to.include('SUB-INBOX-1').and.to.include('SUB-INBOX-2').and.to.include('Aanvraag controleren');
    expect(text).to.match(/\d+ burgerzaken/);
    const intake = await openTaskAt(api.an!, first.id, 'AanvraagControleren');
    expect(inbox.text).to.include(`data-task-id="${intake.id}"`);
    const other = await browsers.fien!.get('/werk');
    expect(other.text).not.to.include(intake.id);
    expect(readable(other.text)).to.include('0 financien');
  });

  it('filters the inbox on process, department and "mine", and pages through it', async () => {
    const { id } = await startCase('SUB-FILTER-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const claimed = await post('an', `/werk/taken/${intake.id}/nemen`, { terug: '/werk?afdeling=burgerzaken' });
    expect(claimed.status).to.equal(303);
    expect(claimed.location).to.equal(`/werk?afdeling=burgerzaken&melding=genomen&taak=${intake.id}`);
    const after = await browsers.an!.get(claimed.location!);
    expect(readable(after.text)).to.include('U hebt „Aanvraag controleren” in behandeling genomen.');
    const mine = await browsers.an!.get('/werk?mijn=1');
    expect(mine.text).to.include(`data-task-id="${intake.id}"`);
    expect(mine.text.match(/data-task-id=/g)).to.have.length(1);
    // Bert, of the same department, sees who holds it and cannot take it over.
    const bert = await browsers.bert!.get('/werk?dienst=subsidy-club');
    const row = bert.text.slice(bert.text.indexOf(`data-task-id="${intake.id}"`));
    expect(readable(row.slice(0, row.indexOf('</tr>')))).to.include('an').and.not.to.include('Nemen');
    const taken = await post('bert', `/werk/taken/${intake.id}/nemen`, { terug: '/werk' });
    expect(taken.location).to.equal(`/werk?melding=bezet&taak=${intake.id}`);
    expect(readable((await browsers.bert!.get(taken.location!)).text)).to.include('Deze taak is al in behandeling bij an.');
    const released = await post('an', `/werk/taken/${intake.id}/vrijgeven`, { terug: '/werk' });
    expect(released.location).to.equal(`/werk?melding=vrijgegeven&taak=${intake.id}`);
    expect((await browsers.an!.get('/werk?mijn=1')).text).not.to.include(`data-task-id="${intake.id}"`);
    // A department she is not in is not a filter she can use: it falls back to her own.
    const foreign = await browsers.an!.get('/werk?afdeling=financien');
    expect(foreign.text).to.include(`data-task-id="${intake.id}"`);
    const none = await browsers.an!.get('/werk?dienst=bestaat-niet');
    expect(readable(none.text)).to.include('Er zijn geen open taken die bij deze filters passen.');
  });

  it('orders by due date and marks tasks past or near their deadline, and filters on them', async () => {
    const task = `<bpmn:userTask id="doen" name="Termijntaak"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="burgerzaken" /><zeebe:taskSchedule dueDate="=uiterlijk" /></bpmn:extensionElements></bpmn:userTask>`;
    const admin = server.api(await server.adminToken());
    const deployed = await admin.post('/api/deployments', { name: 'termijnen', resources: [{ name: 'termijnen.bpmn', content: bpmnProcess('termijnen', [start(), task, end(), chain('start', 'doen', 'end')], 'Termijnen') }] });
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    for (const [key, due] of [['LATER', now + 10 * day], ['TE-LAAT', now - day], ['BIJNA', now + day / 2]] as const) {
      const started = await api.an!.post('/api/process-instances', { processKey: 'termijnen', businessKey: `TERMIJN-${key}`, variables: { uiterlijk: new Date(due).toISOString() } });
      expect(started.status, JSON.stringify(started.body)).to.equal(201);
    }
    const rows = (html: string) => [...html.matchAll(/<tr data-task-id="[^"]+">([\s\S]*?)<\/tr>/g)].map((m) => readable(m[1]!).trim());
    const all = rows((await browsers.an!.get('/werk?dienst=termijnen')).text);
    expect(all.map((row) => row.match(/TERMIJN-[A-Z-]+/)![0])).to.deep.equal(['TERMIJN-TE-LAAT', 'TERMIJN-BIJNA', 'TERMIJN-LATER']);
    expect(all[0]).to.include('Te laat');
    expect(all[1]).to.include('Bijna').and.not.to.include('Te laat');
    expect(all[2]).not.to.include('Bijna').and.not.to.include('Te laat');
    const late = rows((await browsers.an!.get('/werk?dienst=termijnen&termijn=te-laat')).text);
    expect(late).to.have.length(1);
    const soon = rows((await browsers.an!.get('/werk?dienst=termijnen&termijn=binnenkort')).text);
    expect(soon).to.have.length(2);
    const newest = rows((await browsers.an!.get('/werk?dienst=termijnen&volgorde=nieuwste')).text);
    expect(newest.map((row) => row.match(/TERMIJN-[A-Z-]+/)![0])).to.deep.equal(['TERMIJN-BIJNA', 'TERMIJN-TE-LAAT', 'TERMIJN-LATER']);
  });

  it('refuses a claim without the page’s CSRF token, and changes nothing', async () => {
    const { id } = await startCase('SUB-CSRF-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const forged = await browsers.an!.request('POST', `/werk/taken/${intake.id}/nemen`, { form: { _csrf: 'vals', terug: '/werk' } });
    expect(forged.status).to.equal(403);
    expect((await api.an!.get(`/api/tasks/${intake.id}`)).body.assignee).to.equal(null);
  });

  it('shows a user of another department a 403 page for the task, in Dutch', async () => {
    const { id } = await startCase('SUB-403-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const page = await browsers.fien!.get(`/werk/taken/${intake.id}`);
    expect(page.status).to.equal(403);
    expect(readable(page.text)).to.include('Geen toegang').and.to.include('Deze taak is voor burgerzaken. U werkt bij financien.');
    expect(page.text).not.to.include('name="aanvraagVolledig"');
    const posted = await post('fien', `/werk/taken/${intake.id}`, { aanvraagVolledig: 'true' });
    expect(posted.status).to.equal(403);
    expect((await api.an!.get(`/api/tasks/${intake.id}`)).body.state).to.equal('open');
  });

  it('renders the task form from its JSON Schema, in the schema’s order, with the case beside it', async () => {
    const { id } = await startCase('SUB-FORM-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const page = await browsers.an!.get(`/werk/taken/${intake.id}`);
    expect(page.status).to.equal(200);
    const yesNo = fieldMarkup(page.text, 'aanvraagVolledig');
    expect(yesNo).to.include('type="radio"').and.to.include('value="true"').and.to.include('value="false"').and.to.include('(verplicht)');
    expect(page.text.indexOf('name="aanvraagVolledig"')).to.be.lessThan(page.text.indexOf('name="opmerking"'));
    expect(fieldMarkup(page.text, 'opmerking')).to.include('<textarea');
    const text = readable(page.text);
    expect(text).to.include('Petanqueclub De Zonnige Boule').and.to.include('Aantal leden').and.to.include('34');
    expect(text).to.include('Aanvrager Petanqueclub De Zonnige Boule');
  });

  it('keeps what she typed and puts a Dutch error next to the field the form check refused', async () => {
    const { id } = await startCase('SUB-ERR-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const answer = await post('an', `/werk/taken/${intake.id}`, { opmerking: 'De begroting <ontbreekt>.' }, `/werk/taken/${intake.id}`);
    expect(answer.status).to.equal(400);
    const field = fieldMarkup(answer.text, 'aanvraagVolledig');
    expect(field).to.include('class="field has-error"').and.to.include('Kies ja of nee.');
    expect(fieldMarkup(answer.text, 'opmerking')).to.include('De begroting &lt;ontbreekt&gt;.').and.not.to.include('has-error');
    expect(readable(answer.text)).to.include('1 veld moet nog verbeterd worden.');
    expect((await api.an!.get(`/api/tasks/${intake.id}`)).body.state).to.equal('open');
  });

  it('says in Dutch what is wrong with a number, and reads Belgian numbers', async () => {
    const { id } = await startCase('SUB-NUM-1');
    await api.an!.post(`/api/tasks/${(await openTaskAt(api.an!, id, 'AanvraagControleren')).id}/complete`, { variables: { aanvraagVolledig: true } });
    const prepare = await openTaskAt(api.fien!, id, 'BesluitVoorbereiden');
    const page = await browsers.fien!.get(`/werk/taken/${prepare.id}`);
    // The case's value of the same name fills the field, as in Camunda's task list: here nothing yet.
    expect(fieldMarkup(page.text, 'toegekendBedrag')).to.include('inputmode="decimal"');
    const wrong = await post('fien', `/werk/taken/${prepare.id}`, { toegekendBedrag: 'duizend', motivering: 'Volgens het reglement.' }, `/werk/taken/${prepare.id}`);
    expect(wrong.status).to.equal(400);
    expect(fieldMarkup(wrong.text, 'toegekendBedrag')).to.include('Vul een getal in, bijvoorbeeld 1500 of 12,50.').and.to.include('value="duizend"');
    const negative = await post('fien', `/werk/taken/${prepare.id}`, { toegekendBedrag: '-5', motivering: 'x' }, `/werk/taken/${prepare.id}`);
    expect(fieldMarkup(negative.text, 'toegekendBedrag')).to.include('Vul een getal in van minstens 0.');
    const done = await post('fien', `/werk/taken/${prepare.id}`, { toegekendBedrag: '1.000,50', motivering: 'Volgens het reglement.' }, `/werk/taken/${prepare.id}`);
    expect(done.status, readable(done.text)).to.equal(303);
    expect(done.location).to.equal(`/werk?melding=afgerond&taak=${prepare.id}`);
    expect((await api.fien!.get(`/api/process-instances/${id}`)).body.variables.toegekendBedrag).to.equal(1000.5);
  });

  it('completes a task from its page, and tells the slower colleague it was done meanwhile without losing her input', async () => {
    const { id } = await startCase('SUB-409-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const bertPage = await browsers.bert!.get(`/werk/taken/${intake.id}`);
    const done = await post('an', `/werk/taken/${intake.id}`, { aanvraagVolledig: 'true', opmerking: 'Alles aanwezig.' }, `/werk/taken/${intake.id}`);
    expect(done.status).to.equal(303);
    expect(readable((await browsers.an!.get(done.location!)).text)).to.include('Taak „Aanvraag controleren” is afgerond.');
    const late = await browsers.bert!.request('POST', `/werk/taken/${intake.id}`, {
      form: { _csrf: Browser.field(bertPage.text, '_csrf'), aanvraagVolledig: 'false', opmerking: 'Begroting ontbreekt.' },
    });
    expect(late.status).to.equal(409);
    expect(readable(late.text)).to.match(/Deze taak werd intussen afgerond door an op .+ Uw ingevulde gegevens zijn niet opgeslagen/);
    expect(fieldMarkup(late.text, 'opmerking')).to.include('Begroting ontbreekt.');
    expect(fieldMarkup(late.text, 'aanvraagVolledig')).to.match(/value="false" checked/);
    const variables = (await api.an!.get(`/api/process-instances/${id}`)).body.variables;
    expect(variables).to.include({ aanvraagVolledig: true, opmerking: 'Alles aanwezig.' });
  });

  it('offers the next step of the case beside "afgerond" when the completion opened it for her, and not when it went elsewhere', async () => {
    const admin = server.api(await server.adminToken());
    const task = (id: string, name: string, group: string) =>
      `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;
    const xml = bpmnProcess('na-elkaar', [start(), task('eerst', 'Eerst nakijken', 'burgerzaken'), task('dan', 'Dan beslissen', 'burgerzaken'), end(), chain('start', 'eerst', 'dan', 'end')]);
    expect((await admin.post('/api/deployments', { name: 'na-elkaar', resources: [{ name: 'na-elkaar.bpmn', content: xml }] })).status).to.equal(201);
    const started = await api.an!.post('/api/process-instances', { processKey: 'na-elkaar', variables: {} });
    const [first] = started.body.openedTasks as { id: string }[];
    const done = await post('an', `/werk/taken/${first!.id}`, {}, `/werk/taken/${first!.id}`);
    expect(done.status).to.equal(303);
    const [next] = (await api.an!.get(`/api/tasks?processInstanceId=${started.body.id}`)).body as { id: string; elementId: string }[];
    expect(next!.elementId).to.equal('dan');
    const inbox = await browsers.an!.get(done.location!);
    expect(readable(inbox.text)).to.include('Taak „Eerst nakijken” is afgerond. Open de volgende stap van deze zaak: „Dan beslissen”');
    expect(inbox.text).to.include(`<a href="/werk/taken/${next!.id}">`);
    // The same address says nothing to fien, whose tasks these are not, nor once the next step is done.
    expect(readable((await browsers.fien!.get(done.location!)).text)).not.to.include('volgende stap');
    expect((await api.an!.post(`/api/tasks/${next!.id}/complete`, { variables: {} })).status).to.equal(200);
    expect(readable((await browsers.an!.get(done.location!)).text)).to.include('Taak „Eerst nakijken” is afgerond.').and.not.include('volgende stap');

    // The intake of a subsidy goes on at financien: "afgerond", and no next step for burgerzaken.
    const { id } = await startCase('SUB-NEXT-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    const handedOn = await post('an', `/werk/taken/${intake.id}`, { aanvraagVolledig: 'true' }, `/werk/taken/${intake.id}`);
    expect(handedOn.location).not.to.include('volgende=');
    expect(readable((await browsers.an!.get(handedOn.location!)).text)).to.include('Taak „Aanvraag controleren” is afgerond.').and.not.include('volgende stap');
  });

  it('shows the whole case file: steps and holders, labelled data, entered values, the decision explained, the timeline', async () => {
    const { id, trackingCode } = await startCase('SUB-FILE-1');
    const intake = await openTaskAt(api.an!, id, 'AanvraagControleren');
    await post('an', `/werk/taken/${intake.id}`, { aanvraagVolledig: 'true', opmerking: 'In orde.' }, `/werk/taken/${intake.id}`);
    const prepare = await openTaskAt(api.fien!, id, 'BesluitVoorbereiden');
    await post('fien', `/werk/taken/${prepare.id}/nemen`, { terug: '/werk' });
    // Anyone on staff sees the whole case, whichever department holds it now: the front desk too.
    const page = await browsers.an!.get(`/zaken/${id}`);
    expect(page.status).to.equal(200);
    const text = readable(page.text);
    expect(text).to.include('Zaak SUB-FILE-1').and.to.include('Subsidie voor een vereniging').and.to.include(trackingCode);
    expect(text).to.include('Besluit voorbereiden: financien; In behandeling bij fien');
    expect(page.text).not.to.include(`href="/werk/taken/${prepare.id}"`);
    expect(text).to.include('Aantal leden 34').and.to.include('Zetel in de gemeente Ja').and.to.include('Gevraagd bedrag (euro) 1.500');
    expect(text).to.match(/Aanvraag controleren: ingevuld door an op .+ Aanvraag volledig Ja Opmerking In orde\./);
    expect(text).to.include('subsidy-club-eligibility (versie 1)');
    expect(text).to.match(/Zaak gestart/).and.to.match(/Taak „Aanvraag controleren” afgerond/).and.to.match(/Taak „Besluit voorbereiden” in behandeling genomen/);
    expect(page.text).to.include('data-completed="[').and.to.include('&quot;AanvraagControleren&quot;').and.to.include('data-active="[&quot;BesluitVoorbereiden&quot;]"');
    expect((await browsers.an!.get('/zaken/bestaat-niet')).status).to.equal(404);
  });

  it('finds cases by the start of the business key, by requester and by process', async () => {
    await startCase('ZOEK-2025-001', { ...PETANQUE_CLUB, verenigingNaam: 'Jeugdkoor De Nachtegaal' });
    await startCase('ZOEK-2025-002', { ...PETANQUE_CLUB, verenigingNaam: 'Buurtcomité Zonnewijk' });
    const byKey = readable((await browsers.an!.get('/zaken?zaaknummer=zoek-2025')).text);
    expect(byKey).to.include('ZOEK-2025-001').and.to.include('ZOEK-2025-002').and.to.include('2 zaken gevonden');
    const byRequester = readable((await browsers.an!.get('/zaken?aanvrager=nachtegaal')).text);
    expect(byRequester).to.include('ZOEK-2025-001').and.not.to.include('ZOEK-2025-002');
    const wildcard = readable((await browsers.an!.get('/zaken?zaaknummer=%25')).text);
    expect(wildcard).to.include('Geen zaken gevonden.');
    const byProcess = readable((await browsers.an!.get('/zaken?dienst=subsidy-club&stand=completed')).text);
    expect(byProcess).to.include('Geen zaken gevonden.');
  });

  it('hands her open tasks to a colleague of her department while she is away, all or nothing', async () => {
    const tasks = [];
    for (const n of [1, 2]) {
      const { id } = await startCase(`SUB-AWAY-${n}`);
      const task = await openTaskAt(api.an!, id, 'AanvraagControleren');
      expect((await api.an!.post(`/api/tasks/${task.id}/claim`)).status).to.equal(200);
      tasks.push(task);
    }
    const page = await browsers.an!.get('/werk/overdragen');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('<option value="bert">').and.to.include('<option value="hilde">').and.not.to.include('value="fien"').and.not.to.include('<option value="an">');
    const foreign = await post('an', '/werk/overdragen', { aan: 'fien' }, '/werk/overdragen');
    expect(foreign.status).to.equal(400);
    expect(readable(foreign.text)).to.include('Niet overgedragen: fien werkt niet in een van uw afdelingen.');
    for (const task of tasks) expect((await api.an!.get(`/api/tasks/${task.id}`)).body.assignee).to.equal('an');
    const held = (await api.an!.get('/api/tasks?assignee=an')).body.length;
    const done = await post('an', '/werk/overdragen', { aan: 'bert' }, '/werk/overdragen');
    expect(done.status).to.equal(200);
    expect(readable(done.text)).to.include(`${held} taken overgedragen aan bert.`).and.to.include('U hebt nu geen taken in behandeling');
    for (const task of tasks) expect((await api.an!.get(`/api/tasks/${task.id}`)).body.assignee).to.equal('bert');
    const events = (await api.an!.get(`/api/process-instances/${tasks[0]!.processInstanceId}/history`)).body.events;
    expect(events.find((e: { type: string }) => e.type === 'task-reassigned')).to.deep.include({ user: 'an', data: { taskId: tasks[0]!.id, from: 'an', to: 'bert' } });
    expect(readable((await browsers.an!.get(`/zaken/${tasks[0]!.processInstanceId}`)).text)).to.include('Taak „Aanvraag controleren” overgedragen aan bert');
  });

  it('lets a department head give a task of her department to a colleague, and no one else', async () => {
    const { id } = await startCase('SUB-HEAD-1');
    const task = await openTaskAt(api.an!, id, 'AanvraagControleren');
    expect((await browsers.an!.get(`/werk/taken/${task.id}`)).text).not.to.include('/toewijzen');
    const page = await browsers.hilde!.get(`/werk/taken/${task.id}`);
    expect(page.text).to.include(`action="/werk/taken/${task.id}/toewijzen"`).and.to.include('<option value="bert">').and.not.to.include('value="fien"');
    const given = await post('hilde', `/werk/taken/${task.id}/toewijzen`, { aan: 'bert' }, `/werk/taken/${task.id}`);
    expect(given.location).to.equal(`/werk/taken/${task.id}?melding=toegewezen&taak=${task.id}`);
    expect(readable((await browsers.hilde!.get(given.location!)).text)).to.include('De taak is toegewezen aan bert.');
    expect((await api.an!.get(`/api/tasks/${task.id}`)).body.assignee).to.equal('bert');
    const byStaff = await api.an!.post(`/api/tasks/${task.id}/assign`, { assignee: 'an' });
    expect(byStaff.status).to.equal(403);
    const wrongDepartment = await api.hilde!.post(`/api/tasks/${task.id}/assign`, { assignee: 'fien' });
    expect([wrongDepartment.status, wrongDepartment.body.message]).to.deep.equal([400, `fien may not work on task ${task.id}: it belongs to department burgerzaken`]);
    const nobody = await api.hilde!.post(`/api/tasks/${task.id}/assign`, { assignee: 'niemand' });
    expect(nobody.status).to.equal(400);
    expect((await api.an!.get(`/api/tasks/${task.id}`)).body.assignee).to.equal('bert');
  });

  describe('the college agenda', () => {
    const prepared: { id: string; name: string }[] = [];

    before(async () => {
      for (const [n, who] of [[1, 'fien'], [2, 'fien'], [3, 'dora'], [4, 'fien']] as const) {
        const { id } = await startCase(`COL-${n}`, { ...PETANQUE_CLUB, verenigingNaam: `Club ${n}` });
        await api.an!.post(`/api/tasks/${(await openTaskAt(api.an!, id, 'AanvraagControleren')).id}/complete`, { variables: { aanvraagVolledig: true } });
        const prepare = await openTaskAt(api[who]!, id, 'BesluitVoorbereiden');
        const done = await api[who]!.post(`/api/tasks/${prepare.id}/complete`, { variables: { toegekendBedrag: 1000, motivering: `Advies voor club ${n}.` } });
        expect(done.status, JSON.stringify(done.body)).to.equal(200);
        prepared.push({ id, name: `COL-${n}` });
      }
    });

    async function collegeTask(caseId: string) {
      return openTaskAt(api.cor!, caseId, 'BesluitGoedkeuren');
    }

    it('gathers the college’s tasks with requester, the department’s advice and the decision’s explanation', async () => {
      const agenda = await browsers.cor!.get('/college');
      expect(agenda.status).to.equal(200);
      const text = readable(agenda.text);
      for (const n of [1, 2, 3, 4]) expect(text).to.include(`COL-${n}`).and.to.include(`Club ${n}`).and.to.include(`Advies voor club ${n}.`);
      expect(text).to.match(/Besluit voorbereiden: ingevuld door fien op .+ Toegekend bedrag \(euro\) 1\.000 Motivering Advies voor club 1\./);
      expect(text).to.include('Uitleg van de beslissing');
      expect((await browsers.an!.get('/college')).status).to.equal(403);
    });

    it('keeps who prepared a case from deciding on it (four eyes), on the page and through the API', async () => {
      const own = await collegeTask(prepared[2]!.id);
      const agenda = await browsers.dora!.get('/college');
      const item = agenda.text.slice(agenda.text.indexOf(`data-task-id="${own.id}"`));
      expect(readable(item.slice(0, item.indexOf('</li>')))).to.include('U hebt eerder aan deze zaak gewerkt (Besluit voorbereiden)');
      expect(item.slice(0, item.indexOf('</li>'))).not.to.include('name="kies"');
      const forced = await post('dora', '/college', { beslis: `goedkeuren:${own.id}`, [`motivering-${own.id}`]: 'Akkoord.' }, '/college');
      expect(readable(forced.text)).to.include('COL-3: niet beslist. U hebt eerder aan deze zaak gewerkt');
      const viaApi = await api.dora!.post(`/api/tasks/${own.id}/complete`, { variables: { goedgekeurd: true } });
      expect(viaApi.status).to.equal(403);
      expect(viaApi.body.details).to.deep.equal([{ rule: 'four-eyes', steps: ['Besluit voorbereiden'] }]);
      expect((await api.cor!.get(`/api/tasks/${own.id}`)).body.state).to.equal('open');
    });

    it('asks a motivation to reject, and changes nothing without one', async () => {
      const task = await collegeTask(prepared[3]!.id);
      const refused = await post('cor', '/college', { beslis: `afwijzen:${task.id}` }, '/college');
      expect(refused.status).to.equal(400);
      expect(readable(refused.text)).to.include('Bij afwijzen is een motivering verplicht.');
      expect((await api.cor!.get(`/api/tasks/${task.id}`)).body.state).to.equal('open');
      const none = await post('cor', '/college', { beslis: 'goedkeuren:selectie', 'motivering-selectie': 'x' }, '/college');
      expect(readable(none.text)).to.include('Vink eerst de agendapunten aan');
    });

    it('approves a selection at once with one motivation, and lists the decisions of the meeting', async () => {
      const tasks = await Promise.all([0, 1, 2].map((i) => collegeTask(prepared[i]!.id)));
      const browser = browsers.cor!;
      const page = await browser.get('/college');
      const form = new URLSearchParams({ _csrf: Browser.field(page.text, '_csrf'), beslis: 'goedkeuren:selectie', 'motivering-selectie': 'Conform het advies van Financiën.' });
      for (const task of tasks) form.append('kies', task.id);
      const response = await fetch(`${server.url}/college`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        body: form.toString(),
        redirect: 'manual',
      });
      const text = readable(await response.text());
      expect(response.status).to.equal(200);
      expect(text).to.include('COL-1: goedgekeurd.').and.to.include('COL-2: goedgekeurd.').and.to.include('COL-3: goedgekeurd.');
      for (const i of [0, 1, 2]) {
        const instance = (await api.cor!.get(`/api/process-instances/${prepared[i]!.id}`)).body;
        expect(instance.variables).to.include({ goedgekeurd: true, opmerking: 'Conform het advies van Financiën.' });
        expect(instance.activeElementIds).to.include('BetalingUitvoeren');
      }
      const list = await browser.get('/college/besluitenlijst');
      expect(list.status).to.equal(200);
      const lines = readable(list.text);
      expect(lines).to.include('Besluitenlijst van het college');
      for (const n of [1, 2, 3]) expect(lines).to.match(new RegExp(`COL-${n} Subsidie voor een vereniging Club ${n} Goedgekeurd Conform het advies van Financiën\\. cor`));
      expect(lines).not.to.include('COL-4');
      expect(list.text).to.include('data-print');
    });
  });
});
