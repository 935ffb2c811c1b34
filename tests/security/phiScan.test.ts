/**
 * PHI scan (issue 10): encounters run end to end with every output line captured (the app's and the host's);
 * no transcript phrase (3 words), entity text, note sentence or upload file name may appear in them. After DELETE
 * and a host stop, the data folder (SQLite stores, receipts, temp files) holds no phrase of those encounters either.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, describe, expect, it } from 'vitest';

import { defaultExtensions } from '../../host/extensions';
import { HealthAnalysisSchema } from '../../src/model/health';
import { NoteSchema } from '../../src/model/note';
import { TranscriptSchema } from '../../src/model/transcript';
import { startTestHost, waitFor } from '../helpers/hostHarness';
import { loadScript } from '../helpers/synthesize';
import { Api, APP_DIR, scriptToText } from '../integration/pipeline-helpers';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinscribe-phi-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A file name no log line or database may ever contain. */
const DROP_IN_NAME = 'Wilhelmina Fairweather-Okonkwo annual visit.txt';

function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const originals = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)] as const;
  const tap =
    (original: (typeof originals)[number]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originals[0]) as typeof process.stdout.write;
  process.stderr.write = tap(originals[1]) as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = originals[0];
      process.stderr.write = originals[1];
    },
  };
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
/** Every run of three words of a text, as it would appear in a log (single-spaced, lower case). */
function phrases(text: string): string[] {
  const w = words(text);
  return w.slice(0, Math.max(0, w.length - 2)).map((_, i) => w.slice(i, i + 3).join(' '));
}
const normalised = (text: string) => words(text).join(' ');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('PHI scan', () => {
  it('finds no PHI in the logs, and none in the data folder after DELETE', async () => {
    const output = captureOutput();
    const host = await startTestHost({
      appDir: APP_DIR,
      dataDir,
      extensions: defaultExtensions(),
      env: {
        SPEECH_ENGINE: 'local',
        LANGUAGE_ENGINE: 'local',
        NOTE_ENGINE: 'local',
        CLINSCRIBE_TEMP_DIR: path.join(dataDir, 'tmp'),
      },
    });
    let stopped = false;
    try {
      const api = new Api(host);
      const ids: string[] = [];
      // `npm test` runs one scripted encounter plus the drop-in; `npm run test:security` (SECURITY=full) all three.
      const scripts =
        process.env.SECURITY === 'full'
          ? ['enc-cough-uri', 'enc-back-pain', 'enc-diabetes-followup']
          : ['enc-back-pain'];
      for (const script of scripts)
        ids.push((await api.upload(Buffer.from(scriptToText(await loadScript(script))))).encounterId);
      const dropIn = scriptToText(await loadScript('enc-cough-uri')).replace('Doctor', 'Clinician');
      const uploads = BlobServiceClient.fromConnectionString(host.connectionString).getContainerClient('uploads');
      await uploads.getBlockBlobClient(DROP_IN_NAME).upload(dropIn, Buffer.byteLength(dropIn));
      ids.push(
        await waitFor(
          async () => {
            const page = (await (await api.fetch('/api/encounters')).json()) as { items: { encounterId: string }[] };
            return page.items.map((i) => i.encounterId).find((id) => !ids.includes(id));
          },
          120_000,
          250,
        ),
      );

      const sensitive = new Set<string>([normalised(DROP_IN_NAME)]);
      for (const id of ids) {
        expect((await api.settle(id)).runtime?.runtimeStatus).toBe('Completed');
        const read = async (name: string) => (await (await api.artifact(id, name)).json()) as unknown;
        const transcript = TranscriptSchema.parse(await read('transcript'));
        for (const s of transcript.segments) phrases(s.text).forEach((p) => sensitive.add(p));
        const health = HealthAnalysisSchema.parse(await read('health'));
        for (const e of health.entities) if (e.text.length >= 4) sensitive.add(normalised(e.text));
        const note = NoteSchema.parse(await read('note'));
        for (const s of note.sections.flatMap((x) => x.sentences)) sensitive.add(normalised(s.text));
      }
      for (const id of ids) expect((await api.fetch(`/api/encounters/${id}`, { method: 'DELETE' })).status).toBe(200);
      // Receipts of the deleted uploads go at the blob trigger's next complete scan (every 200 ms here): give the
      // loaded machine a few scans' time before stopping. (A host stopped sooner prunes at its next start.)
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await host.stop();
      stopped = true;

      const logs = normalised(`${output.text()}\n${host.logs.map((l) => JSON.stringify(l)).join('\n')}`);
      const logHits = [...sensitive].filter((p) => p.length > 0 && logs.includes(p));
      // The data folder: SQLite stores (durable state, receipts, with their -wal/-shm), keys and temp files.
      // Azurite's own files keep deleted blobs until its compaction and are reported, not asserted.
      const stores = filesUnder(dataDir).filter((f) => !f.includes(`${path.sep}azurite${path.sep}`));
      const distinctive = [...sensitive].filter((p) => p.split(' ').length >= 3 || p === normalised(DROP_IN_NAME));
      const dataHits = stores.flatMap((f) => {
        const raw = normalised(fs.readFileSync(f).toString('latin1'));
        return distinctive.filter((p) => raw.includes(p)).map((p) => `${path.relative(dataDir, f)}: ${p}`);
      });
      const azurite = filesUnder(path.join(dataDir, 'azurite'))
        .map((f) => normalised(fs.readFileSync(f).toString('latin1')))
        .join('\n');
      const azuriteHits = distinctive.filter((p) => azurite.includes(p)).length;
      output.restore();
      process.stderr.write(
        `PHI scan: ${sensitive.size} phrases/entities/sentences/names checked; log hits ${logHits.length}; ` +
          `data-folder hits after DELETE ${dataHits.length} in ${stores.length} files ` +
          `(Azurite files, until compaction: ${azuriteHits})\n`,
      );
      expect(logHits).toEqual([]);
      expect(dataHits).toEqual([]);
      expect(filesUnder(path.join(dataDir, 'tmp'))).toEqual([]);
    } finally {
      output.restore();
      if (!stopped) await host.stop();
    }
  }, 600_000);
});
