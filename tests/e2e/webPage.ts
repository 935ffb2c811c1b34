/** Shared by the web page's browser tests: Chromium launch, a page that records console errors, the key prompt. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import type { TestHost } from '../helpers/hostHarness';

export const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-results');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian Chromium, as CI has it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

/** A page whose console errors and uncaught exceptions are collected in `errors`. */
export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  return { page, errors };
}

/** Opens the web page and connects with the function key. */
export async function openWithKey(page: Page, host: TestHost): Promise<void> {
  await page.goto(`${host.baseUrl}/api/web/`);
  await page.fill('#key', host.keys.functionKeys.default!);
  await page.click('#save-key');
  await page.waitForSelector('#key-form', { state: 'hidden' });
}

/** A full-page screenshot under test-results/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
