import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestHost } from '../helpers/hostHarness';
import { synthesizeEncounter } from '../helpers/synthesize';
import { startPipelineHost } from '../integration/pipeline-helpers';
import { launchChromium, newPage, openWithKey, screenshot } from './webPage';

let host: TestHost;
let browser: Browser;
let dir: string;
let wav: string;
/** One tab for both tests: the page keeps the user's file names in this tab's sessionStorage. */
let page: Page;
let errors: string[];

beforeAll(async () => {
  const [started, audio] = await Promise.all([startPipelineHost(), synthesizeEncounter('enc-cough-uri')]);
  host = started;
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'clinscribe-e2e-audio-'));
  wav = join(dir, 'cough visit.wav');
  await copyFile(audio.wav, wav);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const player = (page: Page, expression: string) => page.evaluate(`document.getElementById('player').${expression}`);

/** Records, at every change of the detail view, which encounter it names and what its panes contain. */
const RECORDER = `(() => {
  window.__snapshots = [];
  const detail = document.getElementById('detail');
  const take = () => window.__snapshots.push({
    id: document.getElementById('detail-id').textContent,
    label: document.getElementById('detail-label').textContent,
    segments: document.querySelectorAll('#transcript li.seg').length,
    text: ['transcript', 'note', 'entities'].map((p) => document.getElementById(p).textContent).join(' | '),
    audio: document.getElementById('player').hidden ? '' : 'audio',
  });
  new MutationObserver(take).observe(detail, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

describe('web page with audio (Chromium)', () => {
  it('uploads audio, plays it, an evidence ref seeks to its segment and highlights it', async () => {
    ({ page, errors } = await newPage(browser));
    await openWithKey(page, host);
    await page.setInputFiles('#file', wav);
    await page.click('#upload');
    await expect.poll(() => page.textContent('#detail-badge'), { timeout: 240_000, interval: 1000 }).toBe('Completed');
    await expect.poll(() => page.locator('#note button.ref').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => player(page, 'readyState'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(await page.isVisible('#player')).toBe(true);
    expect(await player(page, 'duration')).toBeGreaterThan(10);
    // Transcription reported its progress in seconds of audio; at the end, all of it.
    const encounterId = (await page.textContent('#detail-id'))!;
    const view = (await (
      await fetch(`${host.baseUrl}/api/encounters/${encounterId}`, {
        headers: { 'x-functions-key': host.keys.functionKeys.default! },
      })
    ).json()) as { manifest: { progress?: { stage: string; done: number; total: number; unit: string } } };
    expect(view.manifest.progress).toMatchObject({ stage: 'transcribe', unit: 's' });
    expect(view.manifest.progress!.done).toBeCloseTo(view.manifest.progress!.total, 3);
    expect(view.manifest.progress!.total).toBeCloseTo(Number(await player(page, 'duration')), 0);
    // The audio route answers range requests (what <audio> seeking relies on), with the key only.
    const audioUrl = `${host.baseUrl}/api/encounters/${encounterId}/audio`;
    const key = { 'x-functions-key': host.keys.functionKeys.default! };
    const whole = await fetch(audioUrl, { headers: key });
    const size = Number(whole.headers.get('content-length'));
    expect([whole.status, whole.headers.get('content-type'), whole.headers.get('accept-ranges')]).toEqual([
      200,
      'audio/wav',
      'bytes',
    ]);
    expect((await whole.arrayBuffer()).byteLength).toBe(size);
    const part = await fetch(audioUrl, { headers: { ...key, range: 'bytes=0-99' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 0-99/${size}`]);
    expect(
      Buffer.from(await part.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('RIFF');
    expect((await fetch(audioUrl, { headers: { ...key, range: `bytes=${size}-` } })).status).toBe(416);
    expect((await fetch(audioUrl)).status).toBe(401);

    // The list shows the recording's length.
    await expect
      .poll(() => page.locator(`#encounters tbody tr[data-id="${encounterId}"] td`).nth(2).textContent(), {
        timeout: 20_000,
      })
      .toMatch(/^1:\d\d$/);

    // Play from the start of a segment (a user gesture), and playback moves on.
    await page.locator('#transcript li.seg button.time').nth(1).click();
    await expect.poll(() => player(page, 'paused'), { timeout: 20_000 }).toBe(false);
    // The word being spoken is highlighted as playback goes.
    await expect.poll(() => page.locator('#transcript span.w.playing').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await player(page, 'pause()');

    // An evidence ref in the note: the audio seeks to that segment's start and the segment is highlighted.
    const ref = page.locator('#note button.ref').last();
    const id = (await ref.textContent())!;
    await ref.click();
    const start = Number(
      await page.evaluate(
        `(async () => (await (await fetch('/api/encounters/' + document.getElementById('detail-id').textContent + '/transcript', { headers: { 'x-functions-key': sessionStorage.getItem('clinscribe.key') } })).json()).segments.find((s) => s.id === ${JSON.stringify(id)}).start)()`,
      ),
    );
    await expect.poll(() => player(page, 'currentTime'), { timeout: 10_000 }).toBeCloseTo(start, 1);
    expect(await page.getAttribute(`#seg-${id}`, 'class')).toContain('current');
    expect(await page.evaluate('document.activeElement.id')).toBe(`seg-${id}`);
    await screenshot(page, 'web-audio-1280');
    expect(errors).toEqual([]);
  }, 400_000);

  it('never shows one encounter’s content under another’s header while a second upload runs', async () => {
    await page.reload();
    await expect.poll(() => page.locator('#encounters tbody tr').count(), { timeout: 20_000 }).toBe(1);
    const first = (await page.locator('#encounters tbody tr').first().getAttribute('data-id'))!;
    await page.evaluate(RECORDER);
    await page.locator('#encounters tbody tr button.open').first().click();
    const doc = join(dir, 'ankle.txt');
    await writeFile(
      doc,
      'Doctor: How did you hurt your ankle?\nPatient: I twisted my ankle skiing on Saturday.\nDoctor: Any numbness?\nPatient: No numbness.\n',
    );
    // Upload while the first encounter's artifacts are still loading.
    await page.setInputFiles('#file', doc);
    await page.click('#upload');
    await expect.poll(() => page.textContent('#upload-status'), { timeout: 30_000 }).toMatch(/Started encounter/);
    const second = (await page.textContent('#detail-id'))!;
    expect(second).not.toBe(first);
    await expect.poll(() => page.textContent('#detail-badge'), { timeout: 120_000 }).toBe('Completed');
    await expect.poll(() => page.locator('#note button.ref').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Back and forth quickly: each switch starts loads that the next one overtakes.
    for (const id of [first, second, first, second, first]) {
      await page.locator(`#encounters tbody tr[data-id="${id}"] button.open`).click();
    }
    await expect.poll(() => page.locator('#transcript li.seg').count(), { timeout: 30_000 }).toBeGreaterThan(4);

    const snapshots = (await page.evaluate('window.__snapshots')) as Array<{
      id: string;
      label: string;
      segments: number;
      text: string;
      audio: string;
    }>;
    expect(snapshots.length).toBeGreaterThan(10);
    const mixed = snapshots.filter((s) =>
      s.id === second
        ? /cough|fever|phlegm/i.test(s.text) || s.audio || ![0, 4].includes(s.segments) || s.label !== 'ankle.txt'
        : s.id === first
          ? /skiing|ankle/i.test(s.text) || s.label !== 'cough visit.wav'
          : true,
    );
    expect(mixed).toEqual([]);
    expect(snapshots.some((s) => s.id === second && s.segments === 4)).toBe(true);
    expect(snapshots.some((s) => s.id === first && s.segments > 4)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});
