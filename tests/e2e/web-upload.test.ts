import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestHost } from '../helpers/hostHarness';
import { startPipelineHost } from '../integration/pipeline-helpers';

let host: TestHost;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  host = await startPipelineHost();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('web upload page (Chromium)', () => {
  it('uploads a document, shows progress to Completed, the grounded note and the transcript, and approves a review', async () => {
    const file = join(dir, 'visit.txt');
    await writeFile(
      file,
      'Doctor: What brings you in?\nPatient: I have a sore throat and a fever since Monday.\nDoctor: Any cough?\nPatient: No cough.\n',
    );
    const page = await browser.newPage();
    await page.goto(`${host.baseUrl}/api/web/`);
    await page.fill('#key', host.keys.functionKeys.default!);
    await page.click('#save-key');

    await page.setInputFiles('#file', file);
    await page.check('#review');
    await page.click('#upload');
    await expect
      .poll(() => page.textContent('#upload-status'), { timeout: 30_000 })
      .toMatch(/Started encounter enc-[0-9a-f]{32}/);
    await expect.poll(() => page.textContent('#detail-status'), { timeout: 120_000 }).toMatch(/awaiting-review/);
    await page.click('#approve');
    await expect.poll(() => page.textContent('#detail-status'), { timeout: 120_000 }).toMatch(/^Completed/);

    const noteText = await page.textContent('#note');
    expect(noteText).toMatch(/\[s\d+/);
    expect(await page.locator('#transcript li').count()).toBe(4);
    expect(await page.textContent('#transcript')).toContain('sore throat');
    expect(await page.locator('#artifacts a').allTextContents()).toEqual([
      'transcript',
      'health',
      'fhir',
      'note',
      'note.md',
      'report',
    ]);
    expect(await page.locator('#encounters tbody tr').count()).toBe(1);
  }, 300_000);

  it('shows the API error when the key is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.baseUrl}/api/web/`);
    await page.fill('#key', 'wrong-key');
    await page.click('#save-key');
    await page.setInputFiles('#file', { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('Doctor: hi') });
    await page.click('#upload');
    await expect.poll(() => page.textContent('#upload-status'), { timeout: 30_000 }).toMatch(/Upload failed/);
  }, 120_000);
});
