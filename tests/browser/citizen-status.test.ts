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
