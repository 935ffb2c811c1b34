import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestHost } from '../helpers/hostHarness';
import { startPipelineHost } from '../integration/pipeline-helpers';
import { checkAccessibility } from './a11yChecks';
import { DESKTOP, launchChromium, newPage, openWithKey, PHONE, screenshot } from './webPage';

let host: TestHost;
let browser: Browser;
let dir: string;
const fetchWithKey = (path: string) =>
  fetch(`${host.baseUrl}${path}`, { headers: { 'x-functions-key': host.keys.functionKeys.default! } });

beforeAll(async () => {
  host = await startPipelineHost();
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('web page: review and sign (Chromium)', () => {
  it('serves the page with a strict CSP, nosniff, no framing; /api/web redirects; a ?code= key is ignored and dropped', async () => {
    const page = await fetch(`${host.baseUrl}/api/web/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const bare = await fetch(`${host.baseUrl}/api/web`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/api/web/');
    expect((await fetchWithKey('/api/encounters')).headers.get('x-content-type-options')).toBe('nosniff');

    const { page: tab, errors } = await newPage(browser);
    await tab.goto(`${host.baseUrl}/api/web?code=${host.keys.functionKeys.default!}`);
    expect(new URL(tab.url()).pathname).toBe('/api/web/');
    expect(tab.url()).not.toContain('code=');
    expect(await tab.isVisible('#key-form')).toBe(true);
    expect(await tab.evaluate('[sessionStorage.length, localStorage.length]')).toEqual([0, 0]);
    await tab.fill('#key', 'wrong-key');
    await tab.click('#save-key');
    await expect.poll(() => tab.textContent('#alert'), { timeout: 20_000 }).toMatch(/key was rejected \(401\)/);
    expect(await tab.isVisible('#key-form')).toBe(true);
    await openWithKey(tab, host);
    await expect.poll(() => tab.isVisible('#empty'), { timeout: 20_000 }).toBe(true);
    expect(await tab.textContent('#empty')).toMatch(/No encounters yet/);
    expect(await tab.evaluate('localStorage.length')).toBe(0);
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await tab.close();
  }, 120_000);

  it('edits a sentence, adds one, approves with a name: Composition final with attester, report names the approver', async () => {
    const file = join(dir, 'sore-throat visit.txt');
    await writeFile(
      file,
      'Doctor: What brings you in today?\nPatient: I have had a sore throat and a fever since Monday.\nDoctor: Any cough?\nPatient: No cough at all.\nDoctor: Take ibuprofen 400 mg twice a day.\n',
    );
    const { page, errors } = await newPage(browser);
    await openWithKey(page, host);
    await page.setInputFiles('#file', file);
    await page.check('#review');
    await page.click('#upload');
    await expect.poll(() => page.textContent('#upload-status'), { timeout: 30_000 }).toMatch(/Started encounter enc-/);
    const id = (await page.textContent('#detail-id'))!;
    expect(await page.textContent('#detail-label')).toBe('sore-throat visit.txt');
    await expect.poll(() => page.isVisible('#review-box'), { timeout: 120_000 }).toBe(true);
    expect(await page.textContent('#detail-badge')).toBe('Awaiting review');
    await expect.poll(() => page.locator('#note button.ref').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#transcript li.seg').count(), { timeout: 30_000 }).toBe(5);
    await expect.poll(() => page.locator('#entities button.entity').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('#transcript .ent.a-negative').allTextContents()).toContain('cough');
    await expect.poll(() => page.locator('#fhir table tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await page.locator('#encounters tbody tr').first().locator('button.open').textContent()).toBe(
      'sore-throat visit.txt',
    );

    // An evidence ref is a button that highlights its segment.
    const ref = page.locator('#note button.ref').first();
    const target = (await ref.textContent())!;
    await ref.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute(`#seg-${target}`, 'class')).toContain('current');

    // A wrong approval (no name) is refused in the page and the message stays.
    await page.click('#approve');
    expect(await page.textContent('#review-error')).toMatch(/Enter your name/);

    await page.click('#edit-note');
    const first = page.locator('#note .sentence.editing textarea').first();
    await first.fill('Sore throat and fever since Monday, per the patient.');
    await page.locator('#note .add-sentence input').first().fill('Patient denies cough.');
    await page.locator('#note .add-sentence button').first().click();
    await page.fill('#reviewer', 'Dr. Ada Osei');
    await page.fill('#comment', 'Checked against the transcript.');
    for (const [viewport, name] of [
      [DESKTOP, 'web-review-1280'],
      [PHONE, 'web-review-390'],
    ] as const) {
      await page.setViewportSize(viewport);
      const violations = await checkAccessibility(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await screenshot(page, name);
    }
    await page.setViewportSize(DESKTOP);
    // Request changes first: the edits are saved, the encounter keeps waiting, the page shows the saved note.
    await page.click('#request-changes');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 30_000 }).toBe('Changes requested.');
    await expect
      .poll(() => page.textContent('#note'), { timeout: 30_000 })
      .toContain('Sore throat and fever since Monday, per the patient.');
    expect(await page.locator('#note textarea').count()).toBe(0);
    expect(await page.locator('#note .sentence.clinician').count()).toBe(2);
    expect(await page.textContent('#detail-badge')).toBe('Awaiting review');
    await page.click('#approve');
    await expect.poll(() => page.textContent('#detail-badge'), { timeout: 120_000 }).toBe('Completed');
    await expect
      .poll(() => page.textContent('#approval'), { timeout: 30_000 })
      .toMatch(/^Approved by Dr\. Ada Osei on \d{4}-\d\d-\d\d \d\d:\d\d/);
    await expect.poll(() => page.locator('#note .sentence.clinician').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.isHidden('#review-box')).toBe(true);
    expect(await page.locator('#artifacts button').allTextContents()).toEqual([
      '⤓ transcript.json',
      '⤓ health.json',
      '⤓ fhir-bundle.json',
      '⤓ note.json',
      '⤓ note.md',
      '⤓ report.html',
    ]);
    const downloadEvent = page.waitForEvent('download');
    await page.click('#artifacts button:has-text("report.html")');
    expect((await downloadEvent).suggestedFilename()).toBe(`${id}-report.html`);
    expect(await page.context().pages()).toHaveLength(1);

    const bundle = (await (await fetchWithKey(`/api/encounters/${id}/fhir`)).json()) as {
      entry: Array<{
        resource: {
          resourceType: string;
          status?: string;
          attester?: Array<{ party: { display: string } }>;
          section?: Array<{ text?: { div: string } }>;
        };
      }>;
    };
    const composition = bundle.entry[0]!.resource;
    expect(composition.status).toBe('final');
    expect(composition.attester![0]!.party.display).toBe('Dr. Ada Osei');
    expect(JSON.stringify(composition.section)).toContain('Sore throat and fever since Monday, per the patient.');
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Provenance')).toHaveLength(2);
    const report = await fetchWithKey(`/api/encounters/${id}/report`);
    expect(report.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await report.text()).toContain('reviewed and approved by Dr. Ada Osei');

    await page.setViewportSize(PHONE);
    expect(await checkAccessibility(page)).toEqual([]);
    await screenshot(page, 'web-approved-390');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'web-approved-1280');
    expect(await page.evaluate("document.querySelectorAll('#detail b, #detail script').length")).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('never builds markup from data: no innerHTML in the page code, and markup in a transcript and a file name stays text', async () => {
    const webDir = resolve(__dirname, '..', '..', 'web');
    for (const name of (await readdir(webDir)).filter((f) => f.endsWith('.js')))
      expect(await readFile(join(webDir, name), 'utf8'), name).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );

    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const file = { name: '<b>bold</b> name.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) };
    file.buffer = Buffer.from(`Doctor: What brings you in ${payload}?\nPatient: A headache <i>since</i> Friday.\n`);
    const { page, errors } = await newPage(browser);
    await openWithKey(page, host);
    await page.setInputFiles('#file', file);
    await page.click('#upload');
    await expect.poll(() => page.textContent('#detail-badge'), { timeout: 120_000 }).toBe('Completed');
    await expect.poll(() => page.locator('#transcript li.seg').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.textContent('#transcript')).toContain('<img src=x');
    expect(await page.textContent('#detail-label')).toBe('<b>bold</b> name.txt');
    expect(await page.evaluate("document.querySelectorAll('main img, main script, main b, main i').length")).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();

    // Delete from the list (after confirmation): the row and the open view go away.
    const id = (await page.textContent('#detail-id'))!;
    const rows = page.locator('#encounters tbody tr');
    const before = await rows.count();
    await page.locator(`#encounters tbody tr[data-id="${id}"] button.danger`).click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(before - 1);
    expect(await page.isHidden('#detail')).toBe(true);
    expect((await fetchWithKey(`/api/encounters/${id}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('marks sentences the faithfulness check flagged and lists them first', async () => {
    const { page, errors } = await newPage(browser);
    await openWithKey(page, host);
    await page.setInputFiles('#file', {
      name: 'flags.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Doctor: Any chest pain?\nPatient: No chest pain, only a mild headache.\n'),
    });
    await page.check('#review');
    await page.click('#upload');
    await expect.poll(() => page.isVisible('#review-box'), { timeout: 120_000 }).toBe(true);
    const id = (await page.textContent('#detail-id'))!;
    // A note as the faithfulness check leaves it (issue 12): one sentence flagged, with its reason.
    const note = {
      template: 'soap',
      engine: 'openai',
      dropped: 0,
      sections: [
        { id: 'subjective', title: 'Subjective', sentences: [{ text: 'Mild headache.', evidence: ['s2'] }] },
        {
          id: 'assessment',
          title: 'Assessment',
          sentences: [
            {
              text: 'Chest pain reported.',
              evidence: ['s2'],
              flags: [{ code: 'AssertionMismatch', detail: 'the evidence negates chest pain' }],
            },
          ],
        },
      ],
    };
    const blobs = BlobServiceClient.fromConnectionString(host.connectionString);
    const body = JSON.stringify(note);
    await blobs.getContainerClient('encounters').getBlockBlobClient(`${id}/note.json`).upload(body, body.length);
    await page.locator(`#encounters tbody tr[data-id="${id}"] button.open`).click();
    await expect.poll(() => page.locator('#note .flagged-list .sentence').count(), { timeout: 30_000 }).toBe(1);
    const firstSection = page.locator('#note > section').first();
    expect(await firstSection.getAttribute('class')).toBe('flagged-list');
    expect(await firstSection.textContent()).toContain('Chest pain reported.');
    expect(await page.locator('#note .note-section .sentence.flagged .flag').getAttribute('title')).toBe(
      'the evidence negates chest pain',
    );
    expect(await page.locator('#note .note-section .sentence.flagged .flag').textContent()).toBe('⚑ AssertionMismatch');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
