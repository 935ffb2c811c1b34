/**
 * Crash storm (issue 10): the app on a separate host process, SIGKILLed at random moments while uploads keep
 * arriving in `uploads/` (storage is an Azurite this test owns, so a kill loses no blob). After the last restart
 * every upload is exactly one encounter, Completed (every artifact present) or Failed with a reason, nothing is
 * stuck, and no temp file is left. Short by default (in `npm test`); `CHAOS=long` (`npm run test:chaos`) runs
 * ≥ 20 kills over 50 encounters. Prints the counts.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encounterId } from '../../src/functions/lib/encounterId';
import { ManifestSchema } from '../../src/model/manifest';
import { waitFor } from '../helpers/hostHarness';
import { killHostProcess, spawnHostProcess } from '../helpers/hostProcess';
import { loadScript } from '../helpers/synthesize';
import { scriptToText } from '../integration/pipeline-helpers';
import { startTestStorage } from '../unit/store/azurite';

const LONG = process.env.CHAOS === 'long';
const ENCOUNTERS = LONG ? 50 : 6;
const KILLS = LONG ? 20 : 3;
const root = path.resolve(__dirname, '../..');
const runner = path.join(root, 'tests/chaos/runAppHost.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinscribe-chaos-'));

let storage: Awaited<ReturnType<typeof startTestStorage>>;
let child: ChildProcess | undefined;

function startHost(): Promise<{ baseUrl: string; key: string }> {
  const onSpawn = (proc: ChildProcess) => (child = proc);
  return spawnHostProcess(runner, [dataDir], { CHAOS_STORAGE: storage.connectionString }, { onSpawn });
}

const kill = () => killHostProcess(child);

beforeAll(async () => {
  storage = await startTestStorage();
  await storage.blobs.getContainerClient('uploads').createIfNotExists();
}, 120_000);
afterAll(async () => {
  await kill();
  await storage?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`crash storm (${KILLS} kills over ${ENCOUNTERS} encounters)`, () => {
  it('turns every upload into exactly one finished encounter, with nothing stuck or left behind', async () => {
    if (!fs.existsSync(path.join(root, 'dist/host/start.js'))) throw new Error('build first: npm run build');
    const scripts = await Promise.all(['enc-cough-uri', 'enc-back-pain', 'enc-diabetes-followup'].map(loadScript));
    const uploads = storage.blobs.getContainerClient('uploads');
    const expected = new Map<string, string>(); // upload name → encounter id
    const upload = async (i: number) => {
      const name = `storm-${i}.txt`;
      const text = `${scriptToText(scripts[i % scripts.length]!)}Doctor: This is visit ${i}.\n`;
      const { etag } = await uploads.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
      expected.set(name, encounterId('uploads', name, etag!));
    };

    let host = await startHost();
    let next = 0;
    const perRound = Math.ceil(ENCOUNTERS / (KILLS + 1));
    for (let k = 0; k < KILLS; k++) {
      for (let j = 0; j < perRound && next < ENCOUNTERS; j++) await upload(next++);
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 2500));
      await kill();
      host = await startHost();
    }
    while (next < ENCOUNTERS) await upload(next++);

    const call = (p: string) => fetch(`${host.baseUrl}${p}`, { headers: { 'x-functions-key': host.key } });
    const finals = new Map<string, { runtimeStatus: string }>();
    await waitFor(
      async () => {
        for (const id of expected.values()) {
          if (finals.has(id)) continue;
          const response = await call(`/api/encounters/${id}/status`);
          if (response.status === 200) finals.set(id, (await response.json()) as { runtimeStatus: string });
          else await response.body?.cancel();
        }
        return finals.size === expected.size;
      },
      LONG ? 1_500_000 : 400_000,
      1000,
    ).catch(() => undefined);

    // Every manifest in storage, by the upload it came from: exactly one each.
    const encounters = storage.blobs.getContainerClient('encounters');
    const byUpload = new Map<string, string[]>();
    let completed = 0;
    let failed = 0;
    let repeatedSteps = 0;
    const problems: string[] = [];
    for await (const blob of encounters.listBlobsFlat()) {
      if (!blob.name.endsWith('/manifest.json')) continue;
      const body = await encounters.getBlobClient(blob.name).downloadToBuffer();
      const manifest = ManifestSchema.parse(JSON.parse(body.toString('utf8')));
      byUpload.set(manifest.input.name, [...(byUpload.get(manifest.input.name) ?? []), manifest.encounterId]);
      repeatedSteps += manifest.timings.filter((t) => (t.attempt ?? 1) > 1).length;
      if (manifest.status === 'Completed') {
        completed++;
        for (const result of ['transcript', 'health', 'fhir', 'note', 'noteMarkdown', 'report'])
          if (!manifest.results[result]) problems.push(`${manifest.encounterId} lacks ${result}`);
      } else if (manifest.status === 'Failed') {
        failed++;
        if (!manifest.error?.code) problems.push(`${manifest.encounterId} failed without a reason`);
      } else problems.push(`${manifest.encounterId} is stuck in ${manifest.status}`);
    }
    for (const [name, id] of expected) {
      const ids = byUpload.get(name) ?? [];
      if (ids.length !== 1 || ids[0] !== id) problems.push(`${name} → ${ids.length} encounters`);
    }
    const duplicates = [...byUpload.values()].filter((ids) => ids.length > 1).length;
    const stuck = expected.size - finals.size;
    const tempLeft = fs.existsSync(path.join(dataDir, 'tmp')) ? fs.readdirSync(path.join(dataDir, 'tmp')).length : 0;
    process.stderr.write(
      `crash storm: kills ${KILLS}, uploads ${expected.size}, encounters ${byUpload.size}, completed ${completed}, ` +
        `failed ${failed}, stuck ${stuck}, duplicates ${duplicates}, repeated steps ${repeatedSteps}, ` +
        `temp dirs left ${tempLeft}\n`,
    );
    expect(problems).toEqual([]);
    expect(stuck).toBe(0);
    expect(byUpload.size).toBe(ENCOUNTERS);
    expect(tempLeft).toBe(0);
  }, 1_800_000);
});
