import path from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dashboardExtension } from '../../host/dashboard/dashboardExtension';
import { durableExtension } from '../../host/durable/durableExtension';
import { startTestHost, type TestHost, waitFor } from '../helpers/hostHarness';

const appDir = path.join(__dirname, '../fixtures/apps/durable-hello');
/** An id with markup in it: the page must show it as text. */
const APPROVAL_ID = 'appr <b>&"x';
let host: TestHost;
let browser: Browser;

const mgmt = (p: string) => `${host.baseUrl}/runtime/webhooks/durabletask${p}`;
const auth = () => ({ 'x-functions-key': host.keys.master });

async function start(name: string, id: string, input?: unknown): Promise<void> {
  const res = await fetch(mgmt(`/orchestrators/${name}/${encodeURIComponent(id)}`), {
    method: 'POST',
    headers: auth(),
    body: input === undefined ? '' : JSON.stringify(input),
  });
  expect(res.status).toBe(202);
}

async function statusOf(id: string): Promise<{ runtimeStatus?: string; customStatus?: unknown }> {
  const res = await fetch(mgmt(`/instances/${encodeURIComponent(id)}`), { headers: auth() });
  return res.status === 404 ? {} : ((await res.json()) as { runtimeStatus?: string });
}

async function openWithKey(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${host.baseUrl}/dashboard${query}`);
  await page.fill('#key', host.keys.master);
  await page.click('#save-key');
  return page;
}

const count = (page: Page, status: string) => page.textContent(`#counts button[data-status="${status}"] .n`);
const rowIds = (page: Page) =>
  page.locator('#instances tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

beforeAll(async () => {
  process.env.DURABLE_FIXTURE_HUB = 'DashboardHub';
  host = await startTestHost({ appDir, extensions: [durableExtension(), dashboardExtension()] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  await start('HelloSequence', 'seq-a', { cities: ['Oslo', 'Lima'] });
  await start('HelloSequence', 'seq-b');
  await start('FailingOrchestration', 'fail-1');
  await start('Approval', APPROVAL_ID);
  for (const id of ['seq-a', 'seq-b', 'fail-1'])
    await waitFor(async () => (await statusOf(id)).runtimeStatus === 'Completed', 30_000, 50);
  await waitFor(async () => (await statusOf(APPROVAL_ID)).customStatus, 30_000, 50);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Durable dashboard page (Chromium)', () => {
  it('serves the static page anonymously, with a restrictive CSP, and nothing off its allow-list', async () => {
    const page = await fetch(`${host.baseUrl}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${host.baseUrl}/dashboard/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${host.baseUrl}/dashboard/..%2Fkeys.json`)).status).toBe(404);
    expect((await fetch(`${host.baseUrl}/dashboard/format.test.ts`)).status).toBe(404);
    expect((await fetch(mgmt('/dashboard/instances'))).status).toBe(401);
  });

  it('shows counts and instances, escapes ids, and opens a timeline with its Gantt bars and failure reason', async () => {
    const page = await openWithKey();
    await expect.poll(() => count(page, 'Completed'), { timeout: 20_000 }).toBe('3');
    expect(await page.isHidden('#key-form')).toBe(true);
    expect(await count(page, 'Running')).toBe('1');
    expect(await count(page, '')).toBe('4');
    expect((await rowIds(page)).sort()).toEqual([APPROVAL_ID, 'fail-1', 'seq-a', 'seq-b'].sort());
    const approval = page.locator('#instances tbody tr', { hasText: 'awaiting-approval' });
    expect(await approval.locator('td').nth(1).textContent()).toBe(APPROVAL_ID);
    expect(await page.locator('#instances tbody b').count()).toBe(0);
    expect(await approval.locator('td').nth(2).textContent()).toBe('Running');
    const seqB = page.locator('#instances tbody tr[data-id="seq-b"] td');
    expect(await seqB.allTextContents()).toEqual([
      'HelloSequence',
      'seq-b',
      'Completed',
      '',
      '',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      expect.stringMatching(/^(< 1 s|\d+ s)$/),
    ]);

    await page.click('#instances tbody tr[data-id="fail-1"]');
    await expect.poll(() => page.locator('#timeline tbody tr').count(), { timeout: 10_000 }).toBe(1);
    const cells = await page.locator('#timeline tbody tr td').allTextContents();
    expect(cells.slice(1, 3)).toEqual(['Fails', 'activity']);
    expect(cells[8]).toBe('failed');
    expect(cells[9]).toMatch(/^Activity function 'Fails' failed/);
    expect(await page.locator('#gantt .bar.bar-failed').count()).toBe(1);
    expect(await page.textContent('#detail-title')).toContain('FailingOrchestration');

    await page.click('#instances tbody tr[data-id="seq-a"]');
    await expect
      .poll(() => page.locator('#timeline tbody tr td:nth-child(2)').allTextContents(), { timeout: 10_000 })
      .toEqual(['SayHello', 'SayHello']);
    const output = await page.locator('#timeline tbody tr').first().locator('td').nth(7).textContent();
    expect(output).toBe(`${Buffer.byteLength('"Hello, Oslo!"')} B`);
    expect(await page.textContent('#timeline')).not.toContain('Oslo');
    expect(await page.locator('#gantt .bar.bar-completed').count()).toBe(2);
    expect(await page.textContent('#gantt .gantt-scale')).toMatch(/^0(\d+ ms|[\d.]+ s)$/);
    await page.screenshot({ path: '/tmp/clinscribe-dashboard.png', fullPage: true });

    await page.selectOption('#status-filter', 'Running');
    await expect.poll(() => rowIds(page), { timeout: 10_000 }).toEqual([APPROVAL_ID]);
    await page.close();
  });

  it('pages through instances with the continuation token', async () => {
    const page = await openWithKey('?pageSize=3');
    await expect.poll(async () => (await rowIds(page)).length, { timeout: 20_000 }).toBe(3);
    const first = await rowIds(page);
    await page.click('#next-page');
    await expect.poll(() => page.textContent('#page-label'), { timeout: 10_000 }).toBe('Page 2');
    const second = await rowIds(page);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second]).size).toBe(4);
    expect(await page.isDisabled('#next-page')).toBe(true);
    await page.click('#prev-page');
    await expect.poll(() => rowIds(page), { timeout: 10_000 }).toEqual(first);
    await page.close();
  });

  it('suspends, resumes, terminates and purges an instance after confirmation', async () => {
    const page = await openWithKey();
    await page.locator('#instances tbody tr', { hasText: 'awaiting-approval' }).click();
    const status = () => page.textContent('#detail-status');
    await expect.poll(status, { timeout: 10_000 }).toBe('Running');
    expect(await page.isDisabled('#purge')).toBe(true);
    for (const [button, expected] of [
      ['#suspend', 'Suspended'],
      ['#resume', 'Running'],
      ['#terminate', 'Terminated'],
    ] as const) {
      await page.click(button);
      await expect.poll(status, { timeout: 20_000 }).toBe(expected);
      expect((await statusOf(APPROVAL_ID)).runtimeStatus).toBe(expected);
    }
    await page.click('#purge');
    await expect.poll(() => page.isHidden('#detail'), { timeout: 10_000 }).toBe(true);
    expect(await statusOf(APPROVAL_ID)).toEqual({});
    await expect.poll(() => count(page, ''), { timeout: 10_000 }).toBe('3');
    await page.close();
  });

  it('searches by instance id prefix, by name and by created time range, and keeps a URL per instance', async () => {
    const page = await openWithKey();
    await expect.poll(async () => (await rowIds(page)).length, { timeout: 20_000 }).toBeGreaterThan(2);
    await page.fill('#search-id', 'seq-');
    await page.click('#search button[type=submit]');
    await expect.poll(async () => (await rowIds(page)).sort(), { timeout: 10_000 }).toEqual(['seq-a', 'seq-b']);
    await page.click('#clear-search');
    await page.fill('#search-name', 'failing');
    await page.click('#search button[type=submit]');
    await expect.poll(() => rowIds(page), { timeout: 10_000 }).toEqual(['fail-1']);
    await page.click('#clear-search');
    await page.fill('#created-from', '2001-01-01T00:00');
    await page.fill('#created-to', '2001-01-02T00:00');
    await page.click('#search button[type=submit]');
    await expect.poll(() => page.isVisible('#empty'), { timeout: 10_000 }).toBe(true);
    await page.click('#clear-search');
    await expect.poll(async () => (await rowIds(page)).length, { timeout: 10_000 }).toBeGreaterThan(2);
    await page.click('#instances tbody tr[data-id="fail-1"]');
    await expect.poll(() => new URL(page.url()).searchParams.get('id'), { timeout: 10_000 }).toBe('fail-1');
    expect(await page.textContent('#instance-link')).toBe('/dashboard?id=fail-1');
    expect(await page.isVisible('.legend')).toBe(true);
    await page.close();

    const direct = await openWithKey('?id=seq-a');
    await expect.poll(() => direct.textContent('#detail-title'), { timeout: 20_000 }).toBe('HelloSequence · seq-a');
    await direct.close();
  });

  it('refreshes by itself every 2 s while auto-refresh is on', async () => {
    const page = await openWithKey();
    await expect.poll(async () => (await rowIds(page)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.isChecked('#auto-refresh')).toBe(true);
    await start('HelloSequence', 'seq-late');
    await expect.poll(() => rowIds(page), { timeout: 20_000 }).toContain('seq-late');
    await page.close();
  });

  it('shows a clear error and asks again when the key is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.baseUrl}/dashboard`);
    await page.fill('#key', 'wrong-key');
    await page.click('#save-key');
    await expect.poll(() => page.textContent('#error'), { timeout: 10_000 }).toMatch(/key was rejected \(401/);
    expect(await page.isVisible('#key-form')).toBe(true);
    expect(await page.isHidden('#overview')).toBe(true);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.close();
  });
});
