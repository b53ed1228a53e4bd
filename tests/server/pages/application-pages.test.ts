import { expect } from 'chai';
import { PROCESSES_DIR } from '../fixtures/cases.js';
import { bpmnProcess, chain, end } from '../fixtures/definitions.js';
import { startTestServer, type TestServer } from '../harness.js';
import { Browser } from './page-browser.js';

const CLUB = {
  verenigingNaam: 'Volksdansgroep De Hoepel',
  soortVereniging: 'cultuur',
  zetelInGemeente: 'true',
  aantalLeden: '27',
  aangevraagdBedrag: '750,50',
  contactEmail: 'hoepel@example.be',
};

describe('pages: the public application form, without login', function () {
  let server: TestServer;
  let posts = 0;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
  });
  after(() => server?.close());

  async function apply(fields: Record<string, string>, { token = true } = {}) {
    const browser = new Browser(server.url);
    const form = await browser.get('/aanvraag/subsidy-club');
    expect(form.status).to.equal(200);
    posts++;
    return browser.request('POST', '/aanvraag/subsidy-club', { form: { _csrf: token ? Browser.field(form.text, '_csrf') : 'geraden', website: '', ...fields } });
  }
  const cases = async () => Number((await server.services.dataSource.query('SELECT count(*) AS n FROM process_instances'))[0].n);

  it('renders the start form of the service for a citizen', async () => {
    const page = await new Browser(server.url).get('/aanvraag/subsidy-club');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('<h1>Aanvraag subsidie voor een vereniging</h1>').and.to.include('name="verenigingNaam"').and.to.include('type="email"');
    expect(page.text).not.to.include('Afmelden');
    expect((await new Browser(server.url).get('/aanvraag/bestaat-niet')).status).to.equal(404);
  });

  it('starts the case and gives the tracking code, reading the form as typed', async () => {
    const before = await cases();
    const answer = await apply(CLUB);
    expect(answer.status).to.equal(200);
    const code = /<strong>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(answer.text)?.[1];
    expect(code, answer.text.slice(0, 300)).to.be.a('string');
    expect(answer.text).to.include(`href="/status/${code}"`);
    expect(await cases()).to.equal(before + 1);
    const [row] = await server.services.dataSource.query('SELECT variables FROM process_instances WHERE tracking_code = $1', [code]);
    expect(row.variables).to.deep.include({ verenigingNaam: 'Volksdansgroep De Hoepel', zetelInGemeente: true, aantalLeden: 27, aangevraagdBedrag: 750.5 });
    const status = await server.request('GET', `/api/status/${code}`);
    expect(status.body.steps[0]).to.include({ label: 'Aanvraag ontvangen', state: 'done' });
  });

  it('says in Dutch next to each field what is missing or wrong, keeps the rest, and starts nothing', async () => {
    const before = await cases();
    const answer = await apply({ ...CLUB, contactEmail: 'geen-adres', aantalLeden: '', soortVereniging: '' });
    expect(answer.status).to.equal(400);
    expect(answer.text).to.include('Vul een e-mailadres in zoals naam@voorbeeld.be.').and.to.include('Maak een keuze.').and.to.include('Vul dit veld in.');
    expect(answer.text).to.include('value="Volksdansgroep De Hoepel"').and.to.include('value="geen-adres"');
    expect(await cases()).to.equal(before);
  });

  it('refuses a form that did not come from the page, or whose hidden field a bot filled in', async () => {
    const before = await cases();
    expect((await apply(CLUB, { token: false })).status).to.equal(403);
    const bot = await apply({ ...CLUB, website: 'http://spam.example' });
    expect(bot.status).to.equal(400);
    expect(bot.text).to.include('Uw aanvraag kon niet verstuurd worden.');
    expect(await cases()).to.equal(before);
  });

  it('offers only services whose start the process owner labelled for citizens', async () => {
    const admin = server.api(await server.adminToken());
    const internal = bpmnProcess('intern', [
      `<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="subsidie-aanvraag" /></bpmn:extensionElements></bpmn:startEvent>`,
      end('e'),
      chain('s', 'e'),
    ]);
    expect((await admin.post('/api/deployments', { name: 'intern', resources: [{ name: 'intern.bpmn', content: internal }] })).status).to.equal(201);
    expect((await new Browser(server.url).get('/aanvraag/intern')).status).to.equal(404);
  });

  it('answers a flood from one address with a Dutch 429 page', async () => {
    while (posts < 10) await apply(CLUB);
    const flood = await apply(CLUB);
    expect(flood.status).to.equal(429);
    expect(flood.text).to.include('Vanaf dit adres werden de laatste tijd veel aanvragen verstuurd.');
  });
});
