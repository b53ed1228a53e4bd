import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createUsers, PROCESSES_DIR } from '../server/fixtures/cases.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../server/harness.js';
import { launchChromium, look as lookAt, signedInPage } from './browser.js';
import { Diagram } from './diagram.js';

/** A week from today, as the date field takes it, and as a Belgian calendar names that day. */
function plannedDay(): { iso: string; words: RegExp } {
  const day = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const iso = day.toISOString().slice(0, 10);
  const weekday = new Intl.DateTimeFormat('nl-BE', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  const month = new Intl.DateTimeFormat('nl-BE', { month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  return { iso, words: new RegExp(`verwacht uiterlijk op ${weekday} ${Number(iso.slice(8))} ${month} ${iso.slice(0, 4)}`) };
}

describe('a broken street lamp: Suzanne reports it on the website, the municipality plans and repairs it, she follows it', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  const screenshots: string[] = [];
  const codes: string[] = [];

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    await createUsers(server, [
      { username: 'omar', displayName: 'Omar Openbaar Domein', roles: ['staff'], groups: ['openbaar-domein'] },
      { username: 'wout', displayName: 'Wout Onderhoud', roles: ['staff'], groups: ['onderhoud'] },
      { username: 'pia', displayName: 'Pia Proceseigenaar', roles: ['process-owner'], groups: [] },
    ]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (screenshots.length) console.log(`      screenshots: ${screenshots.join(', ')}`);
  });

  const look = (page: Page, name: string) => lookAt(page, name, screenshots);
  const signedIn = (username: string, password: string, path: string) => signedInPage(browser, server.url, username, password, path);
  async function citizenPage(): Promise<Page> {
    return browser.newPage({ viewport: { width: 390, height: 844 } });
  }
  const caseIdOf = async (code: string) => {
    const [row] = (await server.services.dataSource.query('SELECT id FROM process_instances WHERE tracking_code = $1', [code])) as { id: string }[];
    return row!.id;
  };
  /** Opens the task of this case at this step from the user's inbox, as she would. */
  async function openTask(page: Page, code: string, taskName: string): Promise<void> {
    await page.goto(`${server.url}/werk`);
    const row = page.locator('table.inbox tbody tr', { hasText: code });
    await row.getByRole('link', { name: taskName }).click();
    await page.waitForSelector('form.task-form, form.stacked');
  }

  it('Suzanne reports the lamp through the public form, gets her code and sees "Gemeld"', async () => {
    const page = await citizenPage();
    for (const [street, what] of [['Kerkstraat 12', 'brandt niet'], ['Kerkstraat 40', 'knippert']] as const) {
      await page.goto(`${server.url}/aanvraag/street-lamp`);
      expect(await page.textContent('h1')).to.equal('Een defecte straatlamp melden');
      await page.getByLabel('Uw naam').fill('Suzanne Claes');
      await page.getByLabel('Uw e-mailadres').fill('suzanne.claes@example.be');
      await page.getByLabel('Waar staat de lamp?').fill(street);
      await page.getByLabel('Wat is er mis?').selectOption(what);
      await page.getByLabel('Nee', { exact: true }).check();
      if (codes.length === 0) await look(page, 'lamp-report-form');
      await page.getByRole('button', { name: 'Versturen' }).click();
      await page.waitForSelector('.tracking-code');
      codes.push((await page.textContent('.tracking-code'))!.trim());
    }
    expect(codes[0]).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.goto(`${server.url}/status/${codes[0]}`);
    expect(await page.textContent('h1')).to.equal('Defecte straatlamp');
    expect(await page.locator('.citizen-steps li.done .step-label').allTextContents()).to.deep.equal(['Gemeld']);
    expect(await page.locator('.citizen-steps li[aria-current="step"] .step-label').textContent()).to.equal('Wij bekijken uw melding');
    await look(page, 'lamp-status-reported');
    await page.close();
  });

  it('the public-space department triages it and maintenance plans the repair: her status shows the planned day', async () => {
    const planned = plannedDay();
    const omar = await signedIn('omar', 'omar-wachtwoord', '/werk');
    await openTask(omar, codes[0]!, 'Melding beoordelen');
    expect(await omar.textContent('main')).to.include('Kerkstraat 12').and.to.include('gewoon');
    await omar.getByLabel('Wat is er nodig?').selectOption('herstellen');
    await look(omar, 'lamp-triage-task');
    await omar.getByRole('button', { name: 'Afronden' }).click();
    await omar.waitForURL(`${server.url}/werk**`);
    await omar.close();

    const wout = await signedIn('wout', 'wout-wachtwoord', '/werk');
    await openTask(wout, codes[0]!, 'Herstelling inplannen');
    await wout.getByLabel('Geplande dag van de herstelling').fill(planned.iso);
    await wout.getByLabel('Nummer van de werkbon').fill('WB-2026-118');
    await look(wout, 'lamp-planning-task');
    await wout.getByRole('button', { name: 'Afronden' }).click();
    await wout.waitForURL(`${server.url}/werk**`);
    await wout.close();

    const page = await citizenPage();
    await page.goto(`${server.url}/status/${codes[0]}`);
    const now = page.locator('.citizen-steps li[aria-current="step"]');
    expect(await now.locator('.step-label').textContent()).to.equal('Herstelling gepland');
    expect(await now.locator('.step-expected').textContent()).to.match(planned.words);
    expect(await page.textContent('main')).not.to.include('WB-2026-118').and.not.to.include('Wout');
    await look(page, 'lamp-status-planned');
    await page.close();
  });

  it('the repair is done: the mail to Suzanne is in the outbox, and her status offers to say it still does not burn', async () => {
    const wout = await signedIn('wout', 'wout-wachtwoord', '/werk');
    await openTask(wout, codes[0]!, 'Lamp herstellen');
    await wout.getByLabel('Ja', { exact: true }).check();
    await wout.getByLabel('Wat werd er gedaan?').fill('Lamp en starter vervangen.');
    await wout.getByRole('button', { name: 'Afronden' }).click();
    await wout.waitForURL(`${server.url}/werk**`);
    await wout.close();

    const admin = await signedIn('admin', ADMIN_PASSWORD, '/beheer/post');
    const row = admin.locator('tr', { hasText: 'De straatlamp bij Kerkstraat 12 is hersteld' });
    expect(await row.count()).to.equal(1);
    expect(await row.textContent()).to.include('suzanne.claes@example.be');
    await look(admin, 'lamp-outbox');
    await admin.close();

    const page = await citizenPage();
    await page.goto(`${server.url}/status/${codes[0]}`);
    expect(await page.locator('.citizen-steps li.done .step-label').allTextContents()).to.include('Hersteld');
    await look(page, 'lamp-status-repaired');
    await page.getByRole('button', { name: 'De lamp brandt nog altijd niet' }).click();
    await page.waitForURL(/gedaan=1/);
    expect(await page.textContent('[role=status]')).to.include('Bedankt');
    expect(await page.locator('.citizen-steps li[aria-current="step"] .step-label').textContent()).to.equal('Wij plannen de herstelling');
    expect(await page.getByRole('button', { name: 'De lamp brandt nog altijd niet' }).count()).to.equal(0);
    await look(page, 'lamp-status-reopened');
    await page.close();
  });

  it('she calls: the phone contact lands on the case file of each of her cases', async () => {
    const [first, second] = [await caseIdOf(codes[0]!), await caseIdOf(codes[1]!)];
    const omar = await signedIn('omar', 'omar-wachtwoord', `/zaken/${first}`);
    await omar.getByLabel('Kanaal').selectOption({ label: 'Telefoon' });
    await omar.getByLabel('Onderwerp').fill('Lamp brandt nog altijd niet');
    await omar.getByLabel('Verslag').fill('Mevrouw Claes belt: de lamp brandde één avond en is weer uit.');
    await omar.getByRole('button', { name: 'Registreren' }).click();
    await omar.waitForURL(/melding=contact/);
    const contacts = omar.locator('#contacten tbody tr');
    // Her own click on the status page is there too, by web.
    expect(await contacts.count()).to.equal(2);
    expect(await contacts.allTextContents()).to.satisfy((rows: string[]) => rows.some((r) => r.includes('Telefoon') && r.includes('Omar Openbaar Domein')) && rows.some((r) => r.includes('Webformulier') && r.includes('de aanvrager zelf')));
    await look(omar, 'lamp-case-file-contact');

    await omar.goto(`${server.url}/zaken/${second}`);
    const other = omar.locator('#contacten tbody tr', { hasText: 'Mevrouw Claes belt' });
    expect(await other.count()).to.equal(1);
    expect(await other.textContent()).to.include('Telefoon');
    await look(omar, 'lamp-other-case-file');
    await omar.close();
  });

  it('the process owner finds the button Suzanne used in the modeler, on the step that waits for her, and changes it', async () => {
    const page = await signedIn('pia', 'pia-wachtwoord', '/modeler?proces=street-lamp');
    await page.waitForFunction(() => (window as any).loketModeler?.get('elementRegistry').get('NogAltijdDefect'));
    await page.waitForFunction(() => (document.querySelector('#deployed-process') as HTMLSelectElement | null)?.value === 'street-lamp');
    const diagram = new Diagram(page);
    await diagram.select('NogAltijdDefect');
    await diagram.openGroup('Loket');
    expect(await page.locator('#properties .bio-properties-panel-header-type').textContent()).to.equal('Wachten op een bericht');
    const button = page.locator('#bio-properties-panel-loket-citizen-action');
    expect(await button.inputValue()).to.equal('De lamp brandt nog altijd niet');
    expect(await page.locator('#properties label', { hasText: 'Knop voor de burger' }).count()).to.equal(1);
    await look(page, 'modeler-citizen-action');
    await button.fill('Ze brandt nog altijd niet');
    await page.waitForFunction(async () => ((await (window as any).loketModeler.saveXML()).xml as string).includes('loket:citizenAction="Ze brandt nog altijd niet"'));
    // A user task waits for a civil servant, not for her: it has a deadline, and no button.
    await diagram.select(await diagram.only('bpmn:UserTask', 'Herstelling inplannen'));
    await diagram.openGroup('Loket');
    expect(await page.locator('#bio-properties-panel-loket-deadline').count()).to.equal(1);
    expect(await page.locator('#bio-properties-panel-loket-citizen-action').count()).to.equal(0);
    await page.close();
  });
});
