/**
 * Fixture audio synthesis at test time: each scripted turn of `tests/fixtures/encounters/*.json` is rendered with
 * Debian `flite`, resampled to 16 kHz mono with `sox -D` (no dither, so renderings are byte-identical), and joined
 * with short pauses. The gold turn timings fall out of the sample counts. wav, mp3 and ogg/opus variants come from
 * ffmpeg. Results are cached under `tests/fixtures/.generated/` keyed by a hash of the script and this recipe.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { wavHeader } from '../../src/engines/audio/wavFile';

const run = promisify(execFile);
const RATE = 16_000;
const PAUSE_S = 0.6;
const LEAD_S = 0.3;
const RECIPE = 'v1:flite|sox -D 16k mono s16|pause0.6|lead0.3|mp3 64k|opus 32k';

/** Repository root, found from here whether running from source (vitest) or from `dist/` (bench). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}
export const ENCOUNTER_DIR = join(repoRoot(), 'tests/fixtures/encounters');
export const GENERATED_DIR = join(repoRoot(), 'tests/fixtures/.generated');
/**
 * Encounters written for the speech evaluation only: the clinical language model never saw their text (checked by
 * tests/unit/speech/freshFixturesOverlap.test.ts), so their word error rate is an out-of-sample figure.
 */
export const FRESH_ENCOUNTER_DIR = join(repoRoot(), 'tests/fixtures/encounters-fresh');

export interface EncounterScript {
  id: string;
  locale: string;
  speakers: Record<string, { voice: string; role: 'clinician' | 'patient' | 'other' }>;
  turns: { speaker: string; text: string }[];
  /** Drug and condition terms spoken in the script, as spoken (for clinical-term recall). */
  terms?: string[];
}

/** One scripted turn placed on the timeline of the synthesized audio. */
export interface GoldTurn {
  speaker: string;
  role: 'clinician' | 'patient' | 'other';
  start: number;
  end: number;
  text: string;
}

export interface SynthesizedEncounter {
  id: string;
  wav: string;
  mp3: string;
  ogg: string;
  duration: number;
  turns: GoldTurn[];
}

/** Lists the ids of the scripted encounters. */
export async function listEncounters(dir = ENCOUNTER_DIR): Promise<string[]> {
  const files = await readdir(dir);
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Loads one scripted encounter. */
export function loadScript(id: string): Promise<EncounterScript> {
  return loadScriptFrom(ENCOUNTER_DIR, id);
}

/** Loads one encounter script of a fixture folder (e.g. `FRESH_ENCOUNTER_DIR`). */
export async function loadScriptFrom(dir: string, id: string): Promise<EncounterScript> {
  return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as EncounterScript;
}

/** Returns the PCM payload of a canonical 16-bit wav by walking its chunks. */
export function wavData(buf: Buffer): Buffer {
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'data') return buf.subarray(at + 8, Math.min(buf.length, at + 8 + size));
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

async function render(script: EncounterScript, dir: string): Promise<{ pcm: Buffer; turns: GoldTurn[] }> {
  const parts: Buffer[] = [Buffer.alloc(Math.round(LEAD_S * RATE) * 2)];
  let samples = parts[0]!.length / 2;
  const turns: GoldTurn[] = [];
  const pause = Buffer.alloc(Math.round(PAUSE_S * RATE) * 2);
  for (const [i, turn] of script.turns.entries()) {
    const speaker = script.speakers[turn.speaker];
    if (!speaker) throw new Error(`unknown speaker ${turn.speaker}`);
    const raw = join(dir, `t${i}.raw.wav`);
    const out = join(dir, `t${i}.wav`);
    await run('flite', ['-voice', speaker.voice, '-t', turn.text, '-o', raw]);
    await run('sox', ['-D', raw, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', out]);
    const pcm = wavData(await readFile(out));
    const start = samples / RATE;
    samples += pcm.length / 2;
    turns.push({ speaker: turn.speaker, role: speaker.role, start, end: samples / RATE, text: turn.text });
    parts.push(pcm, pause);
    samples += pause.length / 2;
  }
  return { pcm: Buffer.concat(parts), turns };
}

async function build(id: string, target: string, voices: Record<string, string>, dir: string): Promise<void> {
  const loaded = await loadScriptFrom(dir, id);
  const speakers = Object.fromEntries(
    Object.entries(loaded.speakers).map(([k, v]) => [k, { ...v, voice: voices[k] ?? v.voice }]),
  );
  const script = { ...loaded, speakers };
  await mkdir(GENERATED_DIR, { recursive: true });
  const tmp = await mkdtemp(join(GENERATED_DIR, `.tmp-${id}-`));
  try {
    const { pcm, turns } = await render(script, tmp);
    const wav = join(tmp, 'audio.wav');
    await writeFile(wav, Buffer.concat([wavHeader(pcm.length, RATE), pcm]));
    const ff = ['-hide_banner', '-loglevel', 'error', '-y', '-i', wav];
    await run('ffmpeg', [...ff, '-codec:a', 'libmp3lame', '-b:a', '64k', join(tmp, 'audio.mp3')]);
    await run('ffmpeg', [...ff, '-codec:a', 'libopus', '-b:a', '32k', join(tmp, 'audio.ogg')]);
    const gold = { id, duration: pcm.length / 2 / RATE, turns };
    await writeFile(join(tmp, 'gold.json'), JSON.stringify(gold, null, 1));
    for (const f of await readdir(tmp)) if (f.startsWith('t')) await rm(join(tmp, f));
    try {
      await rename(tmp, target);
    } catch (error) {
      // Another test worker finished first: its identical copy wins.
      if (!existsSync(join(target, 'gold.json'))) throw error;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Synthesizes (or returns the cached) audio of one scripted encounter with its gold turn timings. */
export async function synthesizeEncounter(
  id: string,
  /** Replaces the script's flite voice per speaker key (e.g. two male voices to stress diarization). */
  voices: Record<string, string> = {},
  /** Folder of the script (default the scripted encounters; `FRESH_ENCOUNTER_DIR` for the fresh set). */
  dir = ENCOUNTER_DIR,
): Promise<SynthesizedEncounter> {
  const text = await readFile(join(dir, `${id}.json`), 'utf8');
  const voiceKey = Object.keys(voices).length > 0 ? JSON.stringify(voices) : '';
  const key = createHash('sha256').update(RECIPE).update(text).update(voiceKey).digest('hex').slice(0, 12);
  const target = join(GENERATED_DIR, `${id}-${key}`);
  if (!existsSync(join(target, 'gold.json'))) await build(id, target, voices, dir);
  const gold = JSON.parse(await readFile(join(target, 'gold.json'), 'utf8')) as { duration: number; turns: GoldTurn[] };
  return {
    id,
    wav: join(target, 'audio.wav'),
    mp3: join(target, 'audio.mp3'),
    ogg: join(target, 'audio.ogg'),
    duration: gold.duration,
    turns: gold.turns,
  };
}

/** The gold speaker of an instant: the turn containing it, else the nearest turn. */
export function goldSpeakerAt(turns: GoldTurn[], t: number): string {
  let best = turns[0]?.speaker ?? '';
  let bestDistance = Infinity;
  for (const turn of turns) {
    const d = t < turn.start ? turn.start - t : t > turn.end ? t - turn.end : 0;
    if (d < bestDistance) {
      bestDistance = d;
      best = turn.speaker;
    }
  }
  return best;
}

/** Full reference text of an encounter (all turns in order). */
export function goldText(turns: GoldTurn[]): string {
  return turns.map((t) => t.text).join(' ');
}

/** Renders one sentence with a flite voice to a cached 16 kHz mono wav (for short engine and client tests). */
export async function synthesizeSentence(text: string, voice = 'slt'): Promise<string> {
  const key = createHash('sha256').update(RECIPE).update(voice).update(text).digest('hex').slice(0, 12);
  const target = join(GENERATED_DIR, `sentence-${key}.wav`);
  if (existsSync(target)) return target;
  await mkdir(GENERATED_DIR, { recursive: true });
  const tmp = await mkdtemp(join(GENERATED_DIR, '.tmp-sentence-'));
  try {
    await run('flite', ['-voice', voice, '-t', text, '-o', join(tmp, 'raw.wav')]);
    await run('sox', [
      '-D',
      join(tmp, 'raw.wav'),
      '-r',
      String(RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      join(tmp, 'out.wav'),
    ]);
    await rename(join(tmp, 'out.wav'), target);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return target;
}
