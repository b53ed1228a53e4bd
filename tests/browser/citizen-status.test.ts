import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { PETANQUE_CLUB, PROCESSES_DIR } from '../server/fixtures/cases.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { launchChromium, screenshot, seriousAccessibilityViolations } from './browser.js';

describe('status page: a citizen looks up her case by its tracking code, without logging in', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  const screenshots: string[] = [];

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (screenshots.length) console.log(`      screenshots: ${screenshots.join(', ')}`);
  });

  it('applies through the public form: a mistake is shown next to its field, then she gets her tracking code', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/aanvraag/subsidy-club`);
    screenshots.push(await screenshot(page, 'application-form'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.getByLabel('Naam van de vereniging').fill('Toneelkring Het Masker');
    await page.getByLabel('Soort vereniging').selectOption('cultuur');
    await page.getByLabel('Ja', { exact: true }).check();
    await page.getByLabel('Aantal leden').fill('45');
    await page.getByLabel('Gevraagd bedrag (euro)').fill('900');
    await page.getByLabel('E-mailadres van de contactpersoon').fill('masker@example');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForSelector('.field.has-error');
    expect(await page.locator('.field.has-error .field-error').allTextContents()).to.deep.equal(['Vul een e-mailadres in zoals naam@voorbeeld.be.']);
    expect(await page.getByLabel('Naam van de vereniging').inputValue()).to.equal('Toneelkring Het Masker');
    screenshots.push(await screenshot(page, 'application-form-error'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.getByLabel('E-mailadres van de contactpersoon').fill('masker@example.be');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForSelector('.tracking-code');
    const code = (await page.textContent('.tracking-code'))!.trim();
    expect(code).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    screenshots.push(await screenshot(page, 'application-received'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.getByRole('link', { name: 'Bekijk waar uw aanvraag staat' }).click();
    await page.waitForURL(`${server.url}/status/${code}`);
    expect(await page.locator('.citizen-steps li.done .step-label').first().textContent()).to.equal('Aanvraag ontvangen');
    // The confirmation with this code is in the outbox.
    const admin = server.api(await server.adminToken());
    const mails = (await admin.get('/api/outbox')).body as { recipient: string; subject: string }[];
    expect(mails.map((m) => [m.recipient, m.subject])).to.deep.include(['masker@example.be', `Uw subsidieaanvraag is ontvangen (${code})`]);
    await page.close();
  });

  it('types the code from her letter and sees what is done, what happens now and what is still to come', async () => {
    const admin = server.api(await server.adminToken());
    const started = await admin.post('/api/process-instances', { processKey: 'subsidy-club', variables: PETANQUE_CLUB });
    const code: string = started.body.trackingCode;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/status`);
    screenshots.push(await screenshot(page, 'status-lookup'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.getByLabel('Volgcode').fill(code.toLowerCase().replaceAll('-', ''));
    await page.getByRole('button', { name: 'Opzoeken' }).click();
    await page.waitForURL(`${server.url}/status/${code}`);
    expect(await page.textContent('h1')).to.equal('Subsidie voor een vereniging');
    expect(await page.locator('.citizen-steps li.done').allTextContents()).to.have.length(1);
    expect(await page.locator('.citizen-steps li[aria-current="step"] .step-label').textContent()).to.equal('Uw aanvraag wordt nagekeken');
    expect(await page.textContent('main')).not.to.include('Petanqueclub').and.not.to.include('1500');
    screenshots.push(await screenshot(page, 'status-case'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);

    await page.goto(`${server.url}/status/AAAA-BBBB-CCCC`);
    expect(await page.textContent('[role=alert]')).to.include('We vinden geen aanvraag met de volgcode AAAA-BBBB-CCCC');
    screenshots.push(await screenshot(page, 'status-not-found'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.close();
  });
});
