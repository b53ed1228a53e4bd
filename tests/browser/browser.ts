import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, started as CI can: no sandbox (root), nothing downloaded, nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where the tests leave their screenshots, to be looked at (.tmp/ is not committed). */
export const SCREENSHOTS = join(process.cwd(), '.tmp', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** A screenshot of the page, noted in `taken`, and no serious or critical accessibility violation on it. */
export async function look(page: Page, name: string, taken: string[]): Promise<void> {
  taken.push(await screenshot(page, name));
  expect(await seriousAccessibilityViolations(page), name).to.deep.equal([]);
}

/** A new page, logged in as this user and at `path`; a script error on it fails the test when it closes. */
export async function signedInPage(browser: Browser, base: string, username: string, password: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('close', () => expect(errors, `script errors on ${username}'s pages`).to.deep.equal([]));
  await logIn(page, base, username, password, path);
  return page;
}

/** Opens a page that needs a login: the login form comes first, then the page itself. */
export async function logIn(page: Page, base: string, username: string, password: string, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  expect(new URL(page.url()).pathname).to.equal('/inloggen');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('form.stacked button[type=submit]');
  await page.waitForURL(`${base}${path}`);
}
