import { expect } from 'chai';
import { createUsers, PETANQUE_CLUB, PROCESSES_DIR } from './fixtures/cases.js';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';
import { Browser } from './pages/page-browser.js';

function readable(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');
}

describe('parties and contact moments across channels', function () {
  let server: TestServer;
  let an: ApiClient;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    ({ an } = (await createUsers(server, [{ username: 'an', roles: ['staff'], groups: ['burgerzaken'] }])) as { an: ApiClient });
    browser = new Browser(server.url);
    expect((await browser.logIn('an', 'an-wachtwoord')).status).to.equal(303);
  });
  after(() => server?.close());

  async function startCase(businessKey: string, variables: Record<string, unknown> = PETANQUE_CLUB) {
    const started = await an.post('/api/process-instances', { processKey: 'subsidy-club', businessKey, variables });
    expect(started.status).to.equal(201);
    return started.body.id as string;
  }

  async function registerOnPage(caseId: string, form: Record<string, string>) {
    const page = await browser.get(`/zaken/${caseId}`);
    return browser.request('POST', `/zaken/${caseId}/contact`, { form: { _csrf: Browser.field(page.text, '_csrf'), ...form } });
  }

  it('puts a phone call registered on one case on the case file of every case of that requester', async () => {
    const first = await startCase('CONTACT-1');
    const second = await startCase('CONTACT-2', { ...PETANQUE_CLUB, aangevraagdBedrag: 800 });
    const other = await startCase('CONTACT-3', { ...PETANQUE_CLUB, verenigingNaam: 'Schaakclub Paard', contactEmail: 'info@schaakclub.be' });
    const done = await registerOnPage(first, { kanaal: 'phone', onderwerp: 'Vraag naar de stand', verslag: 'De secretaris belde: wanneer beslist het college?' });
    expect([done.status, done.location]).to.deep.equal([303, `/zaken/${first}?melding=contact#contacten`]);
    const firstFile = readable((await browser.get(done.location!)).text);
    expect(firstFile).to.include('Het contactmoment is geregistreerd.').and.to.include('Contactmomenten met Petanqueclub De Zonnige Boule');
    expect(firstFile).to.match(/Telefoon Vraag naar de stand De secretaris belde: wanneer beslist het college\? deze zaak an/);
    const secondPage = await browser.get(`/zaken/${second}`);
    expect(readable(secondPage.text)).to.match(/Telefoon Vraag naar de stand .+ CONTACT-1 an/);
    expect(secondPage.text).to.include(`href="/zaken/${first}"`);
    const otherFile = readable((await browser.get(`/zaken/${other}`)).text);
    expect(otherFile).not.to.include('Vraag naar de stand');
    expect(otherFile).to.include('Nog geen contactmomenten.');
    const viaApi = await an.get(`/api/contacts?processInstanceId=${second}`);
    expect(viaApi.status).to.equal(200);
    expect(viaApi.body.map((c: { subject: string; channel: string; processInstanceId: string }) => [c.subject, c.channel, c.processInstanceId])).to.deep.equal([
      ['Vraag naar de stand', 'phone', first],
    ]);
  });

  it('registers a contact through the API with a party, found again by e-mail address whatever its case', async () => {
    const caseId = await startCase('CONTACT-4', { ...PETANQUE_CLUB, verenigingNaam: 'Wielerclub De Trappers', contactEmail: 'Trappers@Example.be' });
    const chat = await an.post('/api/contacts', { channel: 'chat', subject: 'Bijlage', text: 'Stuurt de begroting na.', party: { kind: 'organisation', name: 'Wielerclub De Trappers', email: 'trappers@example.be', phone: '+32 50 12 34 56' } });
    expect(chat.status, JSON.stringify(chat.body)).to.equal(201);
    expect(chat.body.party).to.include({ kind: 'organisation', name: 'Wielerclub De Trappers', phone: '+32 50 12 34 56' });
    expect(chat.body.processInstanceId).to.equal(null);
    const desk = await an.post('/api/contacts', { channel: 'desk', subject: 'Aan de balie', text: 'Kwam de statuten brengen.', processInstanceId: caseId });
    expect(desk.status).to.equal(201);
    expect(desk.body.partyId, 'the same party: the case’s requester has that e-mail address').to.equal(chat.body.partyId);
    const all = await an.get(`/api/contacts?partyId=${chat.body.partyId}`);
    expect(all.body.map((c: { channel: string }) => c.channel)).to.deep.equal(['desk', 'chat']);
  });

  it('refuses a contact it cannot place, and stores nothing', async () => {
    const count = async () => Number((await server.services.dataSource.query('SELECT count(*) AS n FROM contact_moments'))[0].n);
    const before = await count();
    const wrongChannel = await an.post('/api/contacts', { channel: 'fax', subject: 'x', text: 'y', party: { name: 'Iemand' } });
    expect(wrongChannel.status).to.equal(400);
    expect(wrongChannel.body.details[0]).to.include({ path: '/channel' });
    const nobody = await an.post('/api/contacts', { channel: 'phone', subject: 'x', text: 'y' });
    expect([nobody.status, nobody.body.message]).to.deep.equal([400, 'say who the contact was with: a party, a processInstanceId (its requester), or both']);
    expect((await an.post('/api/contacts', { channel: 'phone', subject: 'x', text: 'y', processInstanceId: 'bestaat-niet' })).status).to.equal(404);
    expect((await an.get('/api/contacts')).status).to.equal(400);
    const caseId = await startCase('CONTACT-5');
    const empty = await registerOnPage(caseId, { kanaal: 'phone', onderwerp: 'Alleen een onderwerp', verslag: '' });
    expect(empty.status).to.equal(400);
    expect(readable(empty.text)).to.include('Vul het onderwerp en het verslag in, en kies het kanaal.');
    expect(empty.text).to.include('value="Alleen een onderwerp"').and.to.match(/<option value="phone" selected>/);
    const forged = await browser.request('POST', `/zaken/${caseId}/contact`, { form: { _csrf: 'vals', kanaal: 'phone', onderwerp: 'x', verslag: 'y' } });
    expect(forged.status).to.equal(403);
    expect(await count()).to.equal(before);
  });

  it('counts the contacts per week and channel, with the digital share', async () => {
    const overview = await an.get('/api/contacts/overview');
    expect(overview.status).to.equal(200);
    const channels = Object.fromEntries(overview.body.map((row: { channel: string; count: number }) => [row.channel, row.count]));
    expect(channels).to.deep.equal({ chat: 1, desk: 1, phone: 1 });
    const page = readable((await browser.get('/contacten')).text);
    expect(page).to.include('Contacten per kanaal').and.to.match(/Balie Telefoon E-mail Webformulier Chat Brief Totaal Digitaal/).and.to.match(/1 1 0 0 1 0 3 33%/);
    expect((await an.get('/api/contacts/overview?weeks=0')).status).to.equal(400);
  });
});
