import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

interface Bar {
  left: number;
  width: number;
}
interface DashboardFormat {
  escapeHtml(v: unknown): string;
  html(strings: TemplateStringsArray, ...values: unknown[]): string;
  countRows(counts: Record<string, number>): { status: string; count: number }[];
  formatDuration(ms: unknown, coarse?: boolean): string;
  formatBytes(n: unknown): string;
  formatTime(iso: string | undefined, withMs?: boolean): string;
  instanceDurationMs(inst: object, nowMs: number): number | undefined;
  customStage(cs: unknown): { stage: string; progress: string };
  actionsFor(status: string): Record<'terminate' | 'suspend' | 'resume' | 'purge' | 'raiseEvent' | 'restart', boolean>;
  ganttLayout(
    items: { start: string; end?: string }[],
    spanStart: string,
    nowMs: number,
  ): { spanMs: number; bars: Bar[] };
}

// The very file the browser runs, executed as a classic script in a fresh global context.
const sandbox: { DashboardFormat?: DashboardFormat } = {};
vm.runInNewContext(fs.readFileSync(path.join(__dirname, 'public', 'format.js'), 'utf8'), sandbox);
const F = sandbox.DashboardFormat!;

describe('dashboard format helpers (public/format.js)', () => {
  it('escapes every HTML-significant character, and the html tag escapes each interpolation', () => {
    expect(F.escapeHtml(`<img src=x onerror="a('b')">&\``)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;&#96;',
    );
    expect(F.escapeHtml(undefined)).toBe('');
    const id = '<script>alert(1)</script>';
    expect(F.html`<td data-id="${id}">${id}</td>`).toBe(
      '<td data-id="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
    expect(F.html`<b>${['<i>', 'x']}</b>`).toBe('<b>&lt;i&gt;x</b>');
  });

  it.each([
    [undefined, '—'],
    [-1, '—'],
    [0, '0 ms'],
    [999.4, '999 ms'],
    [1234, '1.23 s'],
    [12_345, '12.3 s'],
    [65_000, '1 min 05 s'],
    [3_725_000, '1 h 02 min'],
    [3 * 86_400_000 + 7_200_000, '3 d 2 h'],
  ])('formatDuration(%s) = %s', (ms, text) => {
    expect(F.formatDuration(ms)).toBe(text);
  });

  it.each([
    [0, '< 1 s'],
    [999, '< 1 s'],
    [1499, '1 s'],
    [59_400, '59 s'],
    [65_000, '1 min 05 s'],
  ])('formatDuration(%s, coarse) = %s: no sub-second digits from second-precision times', (ms, text) => {
    expect(F.formatDuration(ms, true)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [3 * 1024 ** 4, '3072.0 GB'],
    [Number.NaN, '—'],
  ])('formatBytes(%s) = %s', (n, text) => {
    expect(F.formatBytes(n)).toBe(text);
  });

  it('formats times in UTC, with optional milliseconds, and marks missing ones', () => {
    expect(F.formatTime('2026-11-23T12:05:09.042Z')).toBe('2026-11-23 12:05:09');
    expect(F.formatTime('2026-11-23T12:05:09.042Z', true)).toBe('2026-11-23 12:05:09.042');
    expect(F.formatTime(undefined)).toBe('—');
    expect(F.formatTime('not a time')).toBe('—');
  });

  it('lists counts in a fixed order with zeros, unknown statuses last, and the total first', () => {
    const rows = F.countRows({ Completed: 3, Running: 1, Canceled: 2 });
    expect(rows.map((r) => `${r.status}=${r.count}`)).toEqual([
      'Total=6',
      'Pending=0',
      'Running=1',
      'Suspended=0',
      'Completed=3',
      'Failed=0',
      'Terminated=0',
      'ContinuedAsNew=0',
      'Canceled=2',
    ]);
  });

  it('measures finished instances to their last update and running ones to now', () => {
    const base = { createdTime: '2026-01-01T00:00:00Z', lastUpdatedTime: '2026-01-01T00:00:05Z' };
    const now = Date.parse('2026-01-01T00:01:00Z');
    expect(F.instanceDurationMs({ ...base, runtimeStatus: 'Completed' }, now)).toBe(5000);
    expect(F.instanceDurationMs({ ...base, runtimeStatus: 'Running' }, now)).toBe(60_000);
    expect(F.instanceDurationMs({ runtimeStatus: 'Running' }, now)).toBeUndefined();
  });

  it.each([
    [{ stage: 'transcribe', progress: 0.25, detail: 'never shown' }, 'transcribe', '25 %'],
    [{ stage: 'done' }, 'done', ''],
    [{ progress: 2 }, '', ''],
    ['Waiting for approval', 'Waiting for approval', ''],
    [null, '', ''],
    [42, '', ''],
  ])('customStage(%j) = %s / %s', (cs, stage, progress) => {
    expect(F.customStage(cs)).toEqual({ stage, progress });
  });

  it.each([
    ['Running', { terminate: true, suspend: true, resume: false, purge: false, raiseEvent: true, restart: false }],
    ['Suspended', { terminate: true, suspend: false, resume: true, purge: false, raiseEvent: true, restart: false }],
    ['Completed', { terminate: false, suspend: false, resume: false, purge: true, raiseEvent: false, restart: true }],
    ['Failed', { terminate: false, suspend: false, resume: false, purge: true, raiseEvent: false, restart: true }],
  ])('actionsFor(%s)', (status, actions) => {
    expect(F.actionsFor(status)).toEqual(actions);
  });

  it('lays out Gantt bars over the span from the instance start to the last end (open items end now)', () => {
    const t = (s: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + s * 1000).toISOString();
    const layout = F.ganttLayout(
      [{ start: t(0), end: t(2) }, { start: t(2), end: t(2) }, { start: t(5) }],
      t(0),
      Date.parse(t(10)),
    );
    expect(layout).toEqual({
      spanMs: 10_000,
      bars: [
        { left: 0, width: 20 },
        { left: 20, width: 0.5 },
        { left: 50, width: 50 },
      ],
    });
    expect(F.ganttLayout([], t(0), Date.parse(t(1))).bars).toEqual([]);
  });
});
