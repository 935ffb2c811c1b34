'use strict';
// Pure formatting helpers of the Durable dashboard: a classic script that defines `DashboardFormat` (the page loads
// it first; host/dashboard/format.test.ts runs this same file in a VM context).
globalThis.DashboardFormat = (() => {
  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
  const escapeHtml = (value) => String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]);

  /** Tagged template: every interpolation is HTML-escaped (arrays are joined), so markup can only come from code. */
  const html = (strings, ...values) =>
    strings.reduce((out, s, i) => {
      if (i === 0) return s;
      const v = values[i - 1];
      return out + (Array.isArray(v) ? v.map(escapeHtml).join('') : escapeHtml(v)) + s;
    }, '');

  const STATUSES = ['Pending', 'Running', 'Suspended', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew'];
  const TERMINAL = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

  /** Counts in a fixed order (known statuses always shown, others after), with the total first. */
  const countRows = (counts) => {
    const c = counts || {};
    const names = [
      ...STATUSES,
      ...Object.keys(c)
        .filter((s) => !STATUSES.includes(s))
        .sort(),
    ];
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    return [{ status: 'Total', count: total }, ...names.map((s) => ({ status: s, count: c[s] || 0 }))];
  };

  const pad = (n, w = 2) => String(n).padStart(w, '0');

  /**
   * `1.234 s`-style durations; `—` when unknown. `coarse` for durations between second-precision times (the
   * management API's createdTime/lastUpdatedTime): no sub-second digits that the data does not have.
   */
  const formatDuration = (ms, coarse = false) => {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
    if (coarse && ms < 1000) return '< 1 s';
    if (coarse && ms < 60_000) return `${Math.round(ms / 1000)} s`;
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
    const s = Math.round(ms / 1000);
    if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
    const m = Math.floor(s / 60);
    if (m < 48 * 60) return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
    return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`;
  };

  /** Byte counts: `512 B`, `1.5 KB`, `2.0 MB` (1024-based). */
  const formatBytes = (n) => {
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return '—';
    if (n < 1024) return `${n} B`;
    const units = ['KB', 'MB', 'GB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i += 1;
    }
    return `${v.toFixed(1)} ${units[i]}`;
  };

  /** ISO time → `YYYY-MM-DD HH:MM:SS` (UTC), or with milliseconds; `—` when missing or invalid. */
  const formatTime = (iso, withMs = false) => {
    const t = Date.parse(iso);
    if (!iso || Number.isNaN(t)) return '—';
    const d = new Date(t);
    const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return withMs ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
  };

  /** How long an instance ran: until its last update once it ended, until `nowMs` while it runs. */
  const instanceDurationMs = (inst, nowMs) => {
    const start = Date.parse(inst.createdTime);
    const end = TERMINAL.has(inst.runtimeStatus) ? Date.parse(inst.lastUpdatedTime) : nowMs;
    return Number.isNaN(start) || Number.isNaN(end) ? undefined : Math.max(0, end - start);
  };

  /** Stage and progress of a custom status `{stage, progress: 0..1}`; a plain string is its own stage. */
  const customStage = (customStatus) => {
    if (typeof customStatus === 'string') return { stage: customStatus.slice(0, 60), progress: '' };
    if (!customStatus || typeof customStatus !== 'object') return { stage: '', progress: '' };
    const stage = typeof customStatus.stage === 'string' ? customStatus.stage.slice(0, 60) : '';
    const p = customStatus.progress;
    const progress = typeof p === 'number' && p >= 0 && p <= 1 ? `${Math.round(p * 100)} %` : '';
    return { stage, progress };
  };

  /** Which management commands make sense in a status. */
  const actionsFor = (status) => ({
    terminate: !TERMINAL.has(status),
    suspend: status === 'Running' || status === 'Pending',
    resume: status === 'Suspended',
    purge: TERMINAL.has(status),
    raiseEvent: !TERMINAL.has(status),
    restart: TERMINAL.has(status),
  });

  /**
   * Gantt geometry: the span from the instance start (or first item) to the last end (open items end at `nowMs`),
   * and each item's left offset and width in percent of it; widths never below 0.5 % so instant events stay visible.
   */
  const ganttLayout = (items, spanStartIso, nowMs) => {
    const starts = items.map((i) => Date.parse(i.start));
    const ends = items.map((i) => (i.end ? Date.parse(i.end) : nowMs));
    const t0 = Math.min(Date.parse(spanStartIso) || Infinity, ...starts);
    const spanMs = Math.max(1, ...ends.map((e) => e - t0));
    const bars = items.map((_, k) => {
      const left = Math.min(((starts[k] - t0) / spanMs) * 100, 99.5);
      const width = Math.max(0.5, ((Math.max(ends[k], starts[k]) - starts[k]) / spanMs) * 100);
      return { left, width: Math.min(width, 100 - left) };
    });
    return { spanMs, bars };
  };

  return {
    escapeHtml,
    html,
    countRows,
    formatDuration,
    formatBytes,
    formatTime,
    instanceDurationMs,
    customStage,
    actionsFor,
    ganttLayout,
  };
})();
