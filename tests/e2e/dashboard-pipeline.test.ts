import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestHost } from '../helpers/hostHarness';
import { Api, startPipelineHost } from '../integration/pipeline-helpers';
import { checkAccessibility } from './a11yChecks';
import { DESKTOP, launchChromium, newPage, PHONE, screenshot } from './webPage';

let host: TestHost;
let api: Api;
let browser: Browser;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** Opens the dashboard at `query` and connects with the master key. */
async function openDashboard(query = ''): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await opened.page.goto(`${host.baseUrl}/dashboard${query}`);
  await opened.page.fill('#key', host.keys.master);
  await opened.page.click('#save-key');
  return opened;
}

describe('dashboard on the Clinscribe pipeline (Chromium)', () => {
  it('opens an encounter by its URL and approves its review by raising the review event', async () => {
    const { encounterId } = await api.upload(Buffer.from('Doctor: Any pain?\nPatient: Some knee pain when I walk.\n'), {
      review: 'true',
    });
    await api.settle(encounterId, (v) => v.runtime?.customStatus?.stage === 'awaiting-review');
    const { page, errors } = await openDashboard(`?id=${encounterId}`);
    await expect.poll(() => page.textContent('#detail-title'), { timeout: 20_000 }).toContain(encounterId);
    expect(await page.textContent('#instance-link')).toBe(`/dashboard?id=${encounterId}`);
    expect(await page.isDisabled('#restart')).toBe(true);
    await page.click('#raise-event');
    await page.fill('#event-name', 'review');
    await page.fill('#event-data', '{"action": "approve", "reviewer": "Dr. Dash"}');
    await page.click('#event-form button[type=submit]');
    await expect.poll(() => page.textContent('#detail-status'), { timeout: 120_000 }).toBe('Completed');
    const done = await api.settle(encounterId);
    expect(done.manifest?.status).toBe('Completed');
    const bundle = (await (await api.artifact(encounterId, 'fhir')).json()) as {
      entry: Array<{ resource: { status?: string; attester?: Array<{ party: { display: string } }> } }>;
    };
    expect(bundle.entry[0]!.resource.status).toBe('final');
    expect(bundle.entry[0]!.resource.attester![0]!.party.display).toBe('Dr. Dash');
    expect(await page.locator('#timeline tbody tr', { hasText: 'review' }).first().textContent()).toContain('event');
    // The review wait's timer was cancelled when the event won: shown as such, not "pending" forever.
    expect(await page.locator('#timeline tbody tr', { hasText: 'until' }).first().textContent()).toContain('cancelled');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('shows why an encounter failed and which step, searches by id, and restarts it', async () => {
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37 + 11) % 256));
    const corrupt = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0xa0, 0x0f, 0, 0]),
      Buffer.from('WAVEfmt '),
      garbage,
    ]);
    const { encounterId } = await api.upload(corrupt);
    const failed = await api.settle(encounterId);
    expect(failed.runtime?.runtimeStatus).toBe('Failed');

    const { page, errors } = await openDashboard();
    await expect.poll(() => page.locator('#instances tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await page.fill('#search-id', encounterId.slice(0, 12));
    await page.click('#search button[type=submit]');
    await expect
      .poll(
        () => page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id'))),
        {
          timeout: 20_000,
        },
      )
      .toEqual([encounterId]);
    await page.click(`#instances tbody tr[data-id="${encounterId}"]`);
    await expect
      .poll(() => page.textContent('#detail-failure'), { timeout: 20_000 })
      .toMatch(/^Failed: .*transcribe failed: UnsupportedAudio: /);
    const transcribe = page.locator('#timeline tbody tr', { hasText: 'transcribe' }).last();
    expect(await transcribe.locator('td').nth(8).textContent()).toBe('failed');
    expect(await page.locator('#gantt .bar.bar-failed').count()).toBeGreaterThan(0);
    for (const [viewport, name] of [
      [DESKTOP, 'dashboard-failed-1280'],
      [PHONE, 'dashboard-failed-390'],
    ] as const) {
      await page.setViewportSize(viewport);
      const violations = await checkAccessibility(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      await screenshot(page, name);
    }
    await page.setViewportSize(DESKTOP);

    await page.click('#restart');
    await expect
      .poll(() => page.textContent('#action-status'), { timeout: 20_000 })
      .toMatch(/^Restarted enc-\S+ as \S+/);
    const restarted = (await page.textContent('#action-status'))!.split(' as ')[1]!;
    await expect.poll(() => page.textContent('#detail-title'), { timeout: 20_000 }).toContain(restarted);
    expect(new URL(page.url()).searchParams.get('id')).toBe(restarted);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
