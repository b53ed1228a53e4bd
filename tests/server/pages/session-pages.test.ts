import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_VIEWS_DIR } from '../../../server/src/config.js';
import { startTestServer, type TestServer } from '../harness.js';
import { Browser } from './page-browser.js';

describe('pages: login, layout, roles and CSRF', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ hooks: [] });
    const admin = server.api(await server.adminToken());
    await admin.post('/api/users', { username: 'pieter', password: 'pieter-wachtwoord', displayName: 'Pieter <Proces>', roles: ['process-owner'], groups: ['stadsontwikkeling'] });
    await admin.post('/api/users', { username: 'sara', password: 'sara-wachtwoord', displayName: 'Sara Staf', roles: ['staff'], groups: ['burgerzaken', 'financien'] });
  });
  after(() => server.close());

  it('sends a visitor without a session to the login page, and back where she was going after logging in', async () => {
    const browser = new Browser(server.url);
    const first = await browser.get('/modeler');
    expect([first.status, first.location]).to.deep.equal([303, '/inloggen?terug=%2Fmodeler']);
    const loggedIn = await browser.logIn('pieter', 'pieter-wachtwoord', '/modeler');
    expect([loggedIn.status, loggedIn.location]).to.deep.equal([303, '/modeler']);
    const cookie = loggedIn.headers.getSetCookie().find((c) => c.startsWith('loket_sessie='));
    expect(cookie).to.match(/HttpOnly/).and.to.match(/SameSite=Lax/);
    const modeler = await browser.get('/modeler');
    expect(modeler.status).to.equal(200);
    expect(modeler.text).to.include('<h1>Modelleren</h1>').and.to.include('data-departments="[&quot;burgerzaken&quot;,&quot;financien&quot;,&quot;stadsontwikkeling&quot;]"');
  });

  it('escapes what users typed: a display name with markup arrives as text', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('pieter', 'pieter-wachtwoord');
    const home = await browser.get('/');
    expect(home.text).to.include('Pieter &lt;Proces&gt;').and.not.to.include('<Proces>');
    for (const file of readdirSync(PAGE_VIEWS_DIR)) expect(readFileSync(join(PAGE_VIEWS_DIR, file), 'utf8'), file).not.to.include('{{{');
  });

  it('refuses a wrong password in Dutch, keeping the username, and a login form that did not come from the page', async () => {
    const browser = new Browser(server.url);
    const wrong = await browser.logIn('pieter', 'fout');
    expect(wrong.status).to.equal(401);
    expect(wrong.text).to.include('Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar').and.to.include('value="pieter"');
    expect(browser.cookies.has('loket_sessie')).to.equal(false);
    const forged = await new Browser(server.url).request('POST', '/inloggen', { form: { _csrf: 'geraden', username: 'pieter', password: 'pieter-wachtwoord' } });
    expect(forged.status).to.equal(403);
    expect(forged.text).to.include('Het formulier was verlopen');
  });

  it('shows a staff member who opens the modeler a "no access" page (403), not the editor', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('sara', 'sara-wachtwoord');
    const page = await browser.get('/modeler');
    expect(page.status).to.equal(403);
    expect(page.text).to.include('Geen toegang').and.to.include('proceseigenaar').and.not.to.include('modeler.js');
    expect(page.text).to.include('Sara Staf').and.to.include('burgerzaken, financien');
  });

  it('logs out only with the page’s CSRF token; a forged logout changes nothing', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('sara', 'sara-wachtwoord');
    const home = await browser.get('/');
    const forged = await browser.request('POST', '/uitloggen', { form: { _csrf: 'nee' } });
    expect(forged.status).to.equal(403);
    expect((await browser.get('/')).status).to.equal(200);
    const out = await browser.request('POST', '/uitloggen', { form: { _csrf: Browser.field(home.text, '_csrf') } });
    expect([out.status, out.location]).to.deep.equal([303, '/inloggen?afgemeld=1']);
    expect(browser.cookies.has('loket_sessie')).to.equal(false);
    const session = (await browser.get('/inloggen?afgemeld=1')).text;
    expect(session).to.include('U bent afgemeld');
  });

  it('lets the pages call the API with the session cookie, and asks the CSRF token for every change', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('pieter', 'pieter-wachtwoord');
    const csrf = Browser.field((await browser.get('/modeler')).text, 'csrf-token');
    expect((await browser.get('/api/me')).status).to.equal(200);
    const deployment = { name: 'koekje', resources: [{ name: 'leeg.form.json', content: JSON.stringify({ type: 'object', properties: {} }) }] };
    const without = await browser.request('POST', '/api/deployments', { json: deployment });
    expect(without.status).to.equal(403);
    expect(JSON.parse(without.text).message).to.match(/CSRF/);
    const wrongToken = await browser.request('POST', '/api/deployments', { json: deployment, headers: { 'x-csrf-token': csrf.slice(1) + 'x' } });
    expect(wrongToken.status).to.equal(403);
    const forms = async () => (await server.services.dataSource.query("SELECT key FROM form_definitions WHERE key = 'leeg'")).length;
    expect(await forms()).to.equal(0);
    const done = await browser.request('POST', '/api/deployments', { json: deployment, headers: { 'x-csrf-token': csrf } });
    expect(done.status, done.text).to.equal(201);
    expect(await forms()).to.equal(1);
  });

  it('answers an unknown page with a Dutch page, and an unknown API path with JSON', async () => {
    const page = await new Browser(server.url).get('/bestaat-niet');
    expect(page.status).to.equal(404);
    expect(page.text).to.include('Pagina niet gevonden');
    const api = await server.request('GET', '/api/bestaat-niet');
    expect([api.status, api.body.error]).to.deep.equal([404, 'not-found']);
  });

  it('sends the browser only to a path on this site after login', async () => {
    const browser = new Browser(server.url);
    const result = await browser.logIn('sara', 'sara-wachtwoord', '//evil.example/');
    expect(result.location).to.equal('/');
  });
});

describe('pages: the repository of deployed services', function () {
  let server: TestServer;
  const bpmn = (name: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="verhuis" name="${name}" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/></bpmn:process></bpmn:definitions>`;
  before(async () => {
    server = await startTestServer({ hooks: [] });
    const admin = server.api(await server.adminToken());
    await admin.post('/api/users', { username: 'pieter', password: 'pieter-wachtwoord', roles: ['process-owner'], groups: [] });
    await admin.post('/api/users', { username: 'sara', password: 'sara-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] });
    const pieter = server.api(await server.login('pieter', 'pieter-wachtwoord'));
    expect((await pieter.post('/api/deployments', { name: 'verhuizing', resources: [{ name: 'verhuis.bpmn', content: bpmn('Verhuizen') }] })).status).to.equal(201);
    const second = await pieter.post('/api/deployments', {
      name: 'verhuizing-2',
      resources: [
        { name: 'verhuis.bpmn', content: bpmn('Verhuizen melden') },
        { name: 'adres.form.json', content: JSON.stringify({ type: 'object', properties: { straat: { type: 'string', title: 'Straat' } } }) },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
  });
  after(() => server.close());

  it('lists every version with who deployed it and when (Brussels time), the newest first', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('pieter', 'pieter-wachtwoord');
    const page = await browser.get('/modeler/diensten');
    expect(page.status).to.equal(200);
    const rows = [...page.text.matchAll(/<tr class="(latest)?">\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>v(\d+)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => [m[2], m[3], m[4], m[5], m[1] ?? '']);
    expect(rows).to.deep.equal([
      ['verhuis', 'Verhuizen melden', '2', 'pieter', 'latest'],
      ['verhuis', 'Verhuizen', '1', 'pieter', ''],
      ['adres', '', '1', 'pieter', 'latest'],
    ]);
    const [deployedAt]: { created_at: Date }[] = await server.services.dataSource.query("SELECT created_at FROM deployments WHERE name = 'verhuizing'");
    const brussels = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', dateStyle: 'medium', timeStyle: 'short' }).format(deployedAt!.created_at);
    expect(page.text).to.include(`>${brussels}</time>`);
    // handlebars escapes = and & in attributes; the browser reads them back as they were.
    expect(page.text).to.include('href="/modeler?proces&#x3D;verhuis&amp;versie&#x3D;1"');
  });

  it('downloads the file of one version, and answers a version that does not exist with the not-found page', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('pieter', 'pieter-wachtwoord');
    const first = await browser.get('/modeler/diensten/process/verhuis/1/bestand');
    expect(first.status).to.equal(200);
    expect(first.headers.get('content-disposition')).to.equal('attachment; filename=verhuis-v1.bpmn');
    expect(first.text).to.equal(bpmn('Verhuizen'));
    const form = await browser.get('/modeler/diensten/form/adres/1/bestand');
    expect(JSON.parse(form.text).properties.straat.title).to.equal('Straat');
    for (const path of ['/modeler/diensten/process/verhuis/3/bestand', '/modeler/diensten/script/verhuis/1/bestand', '/modeler/diensten/process/verhuis/nul/bestand']) {
      expect((await browser.get(path)).status, path).to.equal(404);
    }
    const api = await server.api(await server.adminToken()).get('/api/process-definitions/verhuis/xml?version=1');
    expect(api.body).to.equal(bpmn('Verhuizen'));
    expect((await server.api(await server.adminToken()).get('/api/process-definitions/verhuis/xml?version=0')).status).to.equal(400);
  });

  it('compares two versions element by element, in words', async () => {
    const pieter = server.api(await server.login('pieter', 'pieter-wachtwoord'));
    const third = bpmn('Verhuizen melden').replace('<bpmn:endEvent id="e"/>', '<bpmn:endEvent id="e" name="Gemeld"/>');
    expect((await pieter.post('/api/deployments', { name: 'verhuizing-3', resources: [{ name: 'verhuis.bpmn', content: third }] })).status).to.equal(201);
    const browser = new Browser(server.url);
    await browser.logIn('pieter', 'pieter-wachtwoord');
    const repository = await browser.get('/modeler/diensten');
    expect(repository.text).to.include('href="/modeler/diensten/vergelijk/verhuis?van&#x3D;2&amp;naar&#x3D;3"');
    const latest = await browser.get('/modeler/diensten/vergelijk/verhuis');
    expect(latest.status).to.equal(200);
    const items = (html: string) => [...html.matchAll(/<li class="(\w+)"><strong>([^<]+)<\/strong>: ([^\n]*)/g)].map((m) => `${m[1]} ${m[2]}: ${m[3]!.trim()}`);
    expect(items(latest.text)).to.deep.equal(['changed Gewijzigd: EndEvent „Gemeld” (e)']);
    expect(latest.text).to.include('<li>name: (leeg) → Gemeld</li>');
    expect(latest.text).to.include('data-changed="[&quot;e&quot;]"');
    const wide = await browser.get('/modeler/diensten/vergelijk/verhuis?van=1&naar=3');
    expect(items(wide.text)).to.deep.equal(['changed Gewijzigd: Process „Verhuizen melden” (verhuis)', 'changed Gewijzigd: EndEvent „Gemeld” (e)']);
    expect(wide.text).to.include('<li>name: Verhuizen → Verhuizen melden</li>');
    expect((await browser.get('/modeler/diensten/vergelijk/bestaat-niet')).status).to.equal(404);
  });

  it('gives the modeler the deployed files of forms and decisions, any version', async () => {
    const dmn = readFileSync(new URL('../../../processes/subsidy-club/subsidy-club-eligibility.dmn', import.meta.url), 'utf8');
    const pieter = server.api(await server.login('pieter', 'pieter-wachtwoord'));
    expect((await pieter.post('/api/deployments', { name: 'regels', resources: [{ name: 'regels.dmn', content: dmn }] })).status).to.equal(201);
    expect((await pieter.get('/api/decisions/subsidy-club-eligibility/dmn')).body).to.equal(dmn);
    expect((await pieter.get('/api/decisions/subsidy-club-eligibility/dmn?version=1')).body).to.equal(dmn);
    expect((await pieter.get('/api/decisions/subsidy-club-eligibility/dmn?version=2')).status).to.equal(404);
    const form = await pieter.get('/api/forms/adres');
    expect([form.status, form.body.properties.straat.title]).to.deep.equal([200, 'Straat']);
    expect((await pieter.get('/api/forms/adres?version=2')).status).to.equal(404);
    expect((await pieter.get('/api/forms/bestaat-niet')).status).to.equal(404);
    expect((await pieter.get('/api/forms/adres?version=nul')).status).to.equal(400);
    expect((await server.request('GET', '/api/forms/adres')).status).to.equal(401);
    // The fields in the order they were deployed in, which the jsonb column does not keep (shorter keys first).
    const ordered = { type: 'object', properties: { rekeningnummer: { type: 'string' }, betaalwijze: { type: 'string' } } };
    expect((await pieter.post('/api/deployments', { name: 'volgorde', resources: [{ name: 'volgorde.form.json', content: JSON.stringify(ordered) }] })).status).to.equal(201);
    expect(Object.keys((await pieter.get('/api/forms/volgorde')).body.properties)).to.deep.equal(['rekeningnummer', 'betaalwijze']);
  });

  it('is for process owners only', async () => {
    const browser = new Browser(server.url);
    await browser.logIn('sara', 'sara-wachtwoord');
    expect((await browser.get('/modeler/diensten')).status).to.equal(403);
    expect((await browser.get('/modeler/diensten/vergelijk/verhuis')).status).to.equal(403);
    expect((await browser.get('/modeler/diensten/process/verhuis/1/bestand')).status).to.equal(403);
  });
});
