/**
 * The evaluation sets of `npm run eval:speech`: the repository's scripted encounters (their drug and condition
 * terms from the gold health annotations), the fresh encounters the clinical language model never saw (terms
 * listed in each script), and the LibriVox clips of Debian's pocketsphinx-testdata (real read speech, to show
 * everyday English did not get worse).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  ENCOUNTER_DIR,
  FRESH_ENCOUNTER_DIR,
  type GoldTurn,
  listEncounters,
  loadScriptFrom,
  synthesizeEncounter,
} from '../tests/helpers/synthesize';

/** One item to transcribe and score. */
export interface EvalItem {
  id: string;
  path: string;
  duration: number;
  reference: string;
  /** Drug and condition terms spoken in the reference. */
  terms: string[];
  /** Gold turns and roles when the item is a two-speaker encounter. */
  turns?: GoldTurn[];
  roles?: Record<string, string>;
}

export type EvalSet = 'scripted' | 'fresh' | 'librivox';

const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';
const TERM_CATEGORIES = new Set(['MedicationName', 'Diagnosis']);

async function goldTerms(id: string): Promise<string[]> {
  const path = join(ENCOUNTER_DIR, '../gold', `${id}.health.json`);
  if (!existsSync(path)) return [];
  const gold = JSON.parse(await readFile(path, 'utf8')) as { entities: { text: string; category: string }[] };
  return [...new Set(gold.entities.filter((e) => TERM_CATEGORIES.has(e.category)).map((e) => e.text.toLowerCase()))];
}

async function encounters(dir: string, format: 'wav' | 'mp3' | 'ogg', only?: string): Promise<EvalItem[]> {
  const ids = (await listEncounters(dir)).filter((id) => !only || id === only);
  return Promise.all(
    ids.map(async (id) => {
      const [enc, script] = await Promise.all([synthesizeEncounter(id, {}, dir), loadScriptFrom(dir, id)]);
      return {
        id,
        path: enc[format],
        duration: enc.duration,
        reference: enc.turns.map((t) => t.text).join(' '),
        terms: script.terms ?? (await goldTerms(id)),
        turns: enc.turns,
        roles: Object.fromEntries(Object.entries(script.speakers).map(([k, v]) => [k, v.role])),
      };
    }),
  );
}

async function librivox(only?: string): Promise<EvalItem[]> {
  if (!existsSync(join(LIBRIVOX, 'transcription'))) {
    throw new Error('LibriVox clips missing: apt-get install pocketsphinx-testdata');
  }
  const lines = (await readFile(join(LIBRIVOX, 'transcription'), 'utf8')).split('\n').filter(Boolean);
  return lines
    .map((line) => /^<s> (.*) <\/s> \((.*)\)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && (!only || m[2] === only))
    .map((m) => ({ id: m[2]!, path: join(LIBRIVOX, `${m[2]}.wav`), duration: 0, reference: m[1]!, terms: [] }));
}

/** Loads (synthesizing where needed) the items of one evaluation set. */
export function loadEvalSet(set: EvalSet, format: 'wav' | 'mp3' | 'ogg', only?: string): Promise<EvalItem[]> {
  if (set === 'librivox') return librivox(only);
  return encounters(set === 'fresh' ? FRESH_ENCOUNTER_DIR : ENCOUNTER_DIR, format, only);
}
