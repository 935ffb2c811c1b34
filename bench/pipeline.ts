/**
 * `npm run bench:pipeline`: the offline pipeline end to end on the embedded host (Azurite + SQLite + offline
 * engines), one scripted encounter at a time, as wav audio synthesized from tests/fixtures/encounters.
 * Per encounter: end-to-end time (POST → Completed seen by the client) ÷ audio duration (RTF), and orchestration
 * overhead = manifest wall time − union of the recorded activity intervals. Last line: the headline figures.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { defaultExtensions } from '../host/extensions';
import { type Manifest, ManifestSchema } from '../src/model/manifest';
import { orchestrationOverhead } from '../src/store/manifestUpdates';
import { startTestHost } from '../tests/helpers/hostHarness';
import { listEncounters, synthesizeEncounter } from '../tests/helpers/synthesize';

const APP_DIR = resolve(__dirname, '..', '..');
const POLL_MS = 50;

interface Row {
  id: string;
  audioS: number;
  e2eS: number;
  wallS: number;
  activityS: number;
  overheadS: number;
}

async function main(): Promise<void> {
  const ids = (await listEncounters()).slice(0, Number(process.env.BENCH_ENCOUNTERS ?? 3));
  const audio = await Promise.all(ids.map((id) => synthesizeEncounter(id)));
  const host = await startTestHost({
    appDir: APP_DIR,
    extensions: defaultExtensions(),
    env: { SPEECH_ENGINE: 'local', LANGUAGE_ENGINE: 'local', NOTE_ENGINE: 'local' },
  });
  const key = host.keys.functionKeys.default!;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${host.baseUrl}${path}`, { ...init, headers: { ...(init.headers as object), 'x-functions-key': key } });
  const rows: Row[] = [];
  try {
    for (const encounter of audio) {
      const body = await readFile(encounter.wav);
      const started = performance.now();
      const response = await call('/api/encounters', { method: 'POST', body });
      if (response.status !== 202) throw new Error(`upload failed: HTTP ${response.status} ${await response.text()}`);
      const { encounterId } = (await response.json()) as { encounterId: string };
      let manifest: Manifest | undefined;
      for (;;) {
        const view = (await (await call(`/api/encounters/${encounterId}`)).json()) as {
          manifest: unknown;
          runtime: { runtimeStatus: string } | null;
        };
        const status = view.runtime?.runtimeStatus;
        if (status === 'Failed' || status === 'Terminated') throw new Error(`${encounter.id}: ${status}`);
        if (status === 'Completed') {
          manifest = ManifestSchema.parse(view.manifest);
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      const e2eS = (performance.now() - started) / 1000;
      const { wallMs, activityMs, overheadMs } = orchestrationOverhead(manifest);
      const row = {
        id: encounter.id,
        audioS: encounter.duration,
        e2eS,
        wallS: wallMs / 1000,
        activityS: activityMs / 1000,
        overheadS: overheadMs / 1000,
      };
      rows.push(row);
      process.stdout.write(
        `${row.id}: audio ${row.audioS.toFixed(1)} s, end-to-end ${row.e2eS.toFixed(2)} s (RTF ${(row.e2eS / row.audioS).toFixed(3)}), ` +
          `pipeline wall ${row.wallS.toFixed(2)} s, activities ${row.activityS.toFixed(2)} s, overhead ${row.overheadS.toFixed(3)} s ` +
          `(${((100 * row.overheadS) / row.wallS).toFixed(2)} %); stages ${manifest.timings.map((t) => `${t.stage} ${(t.durationMs / 1000).toFixed(2)}`).join(', ')}\n`,
      );
    }
  } finally {
    await host.stop();
  }
  const sum = (pick: (r: Row) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const rtf = sum((r) => r.e2eS) / sum((r) => r.audioS);
  const overheadPct = (100 * sum((r) => r.overheadS)) / sum((r) => r.wallS);
  process.stdout.write(
    `encounters: ${rows.length}, audio ${sum((r) => r.audioS).toFixed(1)} s, end-to-end ${sum((r) => r.e2eS).toFixed(2)} s\n`,
  );
  process.stdout.write(`pipeline RTF: ${rtf.toFixed(3)} (orchestration overhead ${overheadPct.toFixed(2)} %)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:pipeline failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
