import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createUsers, PETANQUE_CLUB, PROCESSES_DIR } from '../server/fixtures/cases.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { launchChromium, look as lookAt, screenshot, signedInPage } from './browser.js';

describe('work pages: the subsidy service as burgerzaken, financien and the college handle it', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  const screenshots: string[] = [];
  const cases: string[] = [];

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    const { an } = await createUsers(server, [
      { username: 'an', displayName: 'An Burgerzaken', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', displayName: 'Fien Financiën', roles: ['staff'], groups: ['financien'] },
      { username: 'cor', displayName: 'Cor Collegelid', roles: ['reviewer'], groups: ['college'] },
    ]);
    // Three clubs apply (the public form is the citizen's side; here the applications arrive through the API).
    for (const [n, club, members] of [[1, 'Petanqueclub De Zonnige Boule', 34], [2, 'Jeugdkoor De Nachtegaal', 22], [3, 'Buurtcomité Zonnewijk', 61]] as const) {
      const started = await an!.post('/api/process-instances', {
        processKey: 'subsidy-club',
        businessKey: `SUB-2026-00${n}`,
        variables: { ...PETANQUE_CLUB, verenigingNaam: club, aantalLeden: members, soortVereniging: n === 2 ? 'jeugd' : n === 3 ? 'buurt' : 'sport' },
      });
      expect(started.status).to.equal(201);
      cases.push(started.body.id);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (screenshots.length) console.log(`      screenshots: ${screenshots.join(', ')}`);
  });

  const look = (page: Page, name: string) => lookAt(page, name, screenshots);
  const signedIn = (username: string, path: string) => signedInPage(browser, server.url, username, `${username}-wachtwoord`, path);

  /** The inbox row of a case's task, by its business key. */
  const rowOf = (page: Page, businessKey: string) => page.locator('table.inbox tbody tr', { hasText: businessKey });

  it('burgerzaken does the intake from the inbox; a form error shows next to its field in Dutch and keeps what she typed', async () => {
    const page = await signedIn('an', '/werk');
    await expect(await page.locator('table.inbox tbody tr').count()).to.equal(3);
    expect(await page.locator('.counts').textContent()).to.match(/3\s+burgerzaken/);
    await look(page, 'work-inbox');

    // Claim in one click: the row now says she holds it.
    await rowOf(page, 'SUB-2026-001').getByRole('button', { name: 'Nemen' }).click();
    await page.waitForURL(/melding=genomen/);
    expect(await page.locator('p.notice').textContent()).to.include('in behandeling genomen');
    expect(await rowOf(page, 'SUB-2026-001').textContent()).to.include('U hebt deze taak in behandeling');

    for (const [i, businessKey] of ['SUB-2026-001', 'SUB-2026-002', 'SUB-2026-003'].entries()) {
      await page.goto(`${server.url}/werk`);
      await rowOf(page, businessKey).getByRole('link', { name: 'Aanvraag controleren' }).click();
      await page.waitForSelector('form.task-form');
      if (i === 0) {
        await look(page, 'work-task');
        // Forgetting the yes/no: the error is next to that field, and her remark is still there.
        await page.getByLabel('Opmerking').fill('Statuten en begroting zijn bijgevoegd.');
        await page.getByRole('button', { name: 'Afronden' }).click();
        await page.waitForSelector('.field.has-error');
        const field = page.locator('.field.has-error');
        expect(await field.locator('legend').textContent()).to.include('Aanvraag volledig');
        expect(await field.locator('.field-error').textContent()).to.equal('Kies ja of nee.');
        expect(await page.getByLabel('Opmerking').inputValue()).to.equal('Statuten en begroting zijn bijgevoegd.');
        expect(await page.locator('.error-summary').textContent()).to.include('1 veld moet nog verbeterd worden.');
        await look(page, 'work-task-error');
      }
      await page.getByLabel('Ja', { exact: true }).check();
      await page.getByRole('button', { name: 'Afronden' }).click();
      await page.waitForURL(/melding=afgerond/);
    }
    expect(await page.locator('table.inbox tbody tr').count()).to.equal(0);
    await page.close();
  });

  it('financien prepares the decisions; a user of another department gets the 403 page for a task not hers', async () => {
    const page = await signedIn('fien', '/werk');
    expect(await page.locator('table.inbox tbody tr').count()).to.equal(3);
    for (const [i, businessKey] of ['SUB-2026-001', 'SUB-2026-002', 'SUB-2026-003'].entries()) {
      await page.goto(`${server.url}/werk`);
      await rowOf(page, businessKey).getByRole('link', { name: 'Besluit voorbereiden' }).click();
      await page.waitForSelector('form.task-form');
      // The case file is beside the form: the rules' explanation is there to write the motivation from.
      expect(await page.locator('.task-case').textContent()).to.include('Regel');
      if (i === 0) await look(page, 'work-task-prepare');
      await page.getByLabel('Toegekend bedrag (euro)').fill(['1000', '1500', '2000'][i]!);
      await page.getByLabel('Motivering').fill(`Volgens het subsidiereglement, regel ${[7, 5, 6][i]}.`);
      await page.getByRole('button', { name: 'Afronden' }).click();
      await page.waitForURL(/melding=afgerond/);
    }

    // A fourth application waits at burgerzaken: its task page is not for financien.
    const an = server.api(await server.login('an', 'an-wachtwoord'));
    const fourth = await an.post('/api/process-instances', { processKey: 'subsidy-club', businessKey: 'SUB-2026-004', variables: PETANQUE_CLUB });
    const [intake] = (await an.get(`/api/tasks?processInstanceId=${fourth.body.id}`)).body as { id: string }[];
    const response = await page.goto(`${server.url}/werk/taken/${intake!.id}`);
    expect(response!.status()).to.equal(403);
    expect(await page.textContent('h1')).to.equal('Geen toegang');
    expect(await page.textContent('main')).to.include('Deze taak is voor burgerzaken. U werkt bij financien.');
    await look(page, 'work-task-no-access');
    await page.close();
  });

  it('a college member approves three cases at once from the agenda with a motivation, and prints the decision list', async () => {
    const page = await signedIn('cor', '/college');
    const items = page.locator('.agenda-item');
    expect(await items.count()).to.equal(3);
    expect(await items.first().textContent()).to.include('Petanqueclub De Zonnige Boule').and.to.include('Volgens het subsidiereglement, regel 7.');
    await look(page, 'college-agenda');
    for (const businessKey of ['SUB-2026-001', 'SUB-2026-002', 'SUB-2026-003']) {
      await page.getByRole('checkbox', { name: `Selecteren: ${businessKey}` }).check();
    }
    await page.getByLabel('Motivering voor de selectie').fill('Het college volgt het advies van Financiën.');
    await page.getByRole('button', { name: 'Selectie goedkeuren' }).click();
    await page.waitForSelector('section.results');
    const results = await page.locator('section.results li').allTextContents();
    expect(results).to.deep.equal(['SUB-2026-001: goedgekeurd.', 'SUB-2026-002: goedgekeurd.', 'SUB-2026-003: goedgekeurd.']);
    expect(await page.locator('.agenda-item').count()).to.equal(0);
    await look(page, 'college-decided');

    await page.getByRole('link', { name: 'Besluitenlijst van deze vergadering' }).click();
    await page.waitForSelector('table.decision-list');
    const lines = await page.locator('table.decision-list tbody tr').allTextContents();
    expect(lines).to.have.length(3);
    for (const line of lines) expect(line).to.include('Goedgekeurd').and.to.include('Het college volgt het advies van Financiën.').and.to.include('Cor Collegelid');
    await look(page, 'college-decision-list');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).to.equal(false);
    screenshots.push(await screenshot(page, 'college-decision-list-print'));
    await page.emulateMedia({ media: 'screen' });

    // Each case moved on to payment.
    const cor = server.api(await server.login('cor', 'cor-wachtwoord'));
    for (const id of cases) expect((await cor.get(`/api/process-instances/${id}`)).body.activeElementIds).to.include('BetalingUitvoeren');
    await page.close();
  });

  it('lets her hand her tasks to a colleague while away, from a page that works with the keyboard alone', async () => {
    const an = server.api(await server.login('an', 'an-wachtwoord'));
    const admin = server.api(await server.adminToken());
    expect((await admin.post('/api/users', { username: 'bert', displayName: 'Bert Burgerzaken', password: 'bert-wachtwoord', roles: ['staff'], groups: ['burgerzaken'] })).status).to.equal(201);
    const started = await an.post('/api/process-instances', { processKey: 'subsidy-club', businessKey: 'SUB-2026-005', variables: PETANQUE_CLUB });
    const [intake] = (await an.get(`/api/tasks?processInstanceId=${started.body.id}`)).body as { id: string }[];
    expect((await an.post(`/api/tasks/${intake!.id}/claim`)).status).to.equal(200);

    const page = await signedIn('an', '/');
    await look(page, 'work-home');
    await page.getByRole('link', { name: 'Naar mijn werkbak' }).click();
    await page.getByRole('link', { name: 'Taken overdragen tijdens afwezigheid' }).click();
    expect(await page.textContent('main')).to.include('U hebt nu 1 taak in behandeling.');
    await look(page, 'work-hand-over');
    // Keyboard only: focus the choice, pick the colleague, and send the form with Enter.
    await page.focus('#aan');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#aan')).to.equal('bert');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Overdragen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('p.notice');
    expect(await page.textContent('p.notice')).to.equal('1 taak overgedragen aan Bert Burgerzaken.');
    expect((await an.get(`/api/tasks/${intake!.id}`)).body.assignee).to.equal('bert');
    await page.close();
  });

  it('shows the case file with the diagram marked, and finds cases by requester', async () => {
    const page = await signedIn('an', '/zaken');
    await page.getByLabel('Aanvrager').fill('nachtegaal');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/aanvrager=nachtegaal/);
    expect(await page.locator('table.inbox tbody tr').count()).to.equal(1);
    await look(page, 'cases-search');
    await page.getByRole('link', { name: 'Zaak SUB-2026-002 openen' }).click();
    await page.waitForSelector('#case-diagram[data-drawn="true"]');
    expect(await page.locator('.djs-element.case-active').count()).to.be.greaterThan(0);
    expect(await page.locator('.djs-element.case-completed[data-element-id="BesluitGoedkeuren"]').count()).to.equal(1);
    const main = await page.textContent('main');
    expect(main).to.include('Jeugdkoor De Nachtegaal').and.to.include('Betaling uitvoeren: financien').and.to.include('Het college volgt het advies van Financiën.');
    await look(page, 'case-file');

    // The club calls: the contact lands on this case file, and on the club's other case too.
    await page.getByLabel('Kanaal').selectOption({ label: 'Telefoon' });
    await page.getByLabel('Onderwerp').fill('Wanneer wordt er betaald?');
    await page.getByLabel('Verslag').fill('De penningmeester vraagt wanneer het bedrag op de rekening staat.');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.waitForURL(/melding=contact/);
    expect(await page.locator('#contacten tbody tr').count()).to.equal(1);
    await look(page, 'case-file-contact');
    await page.goto(`${server.url}/contacten`);
    expect(await page.locator('.contacts-overview tbody tr').count()).to.equal(1);
    await look(page, 'contacts-overview');
    await page.close();
  });
});
