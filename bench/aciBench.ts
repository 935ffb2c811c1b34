/**
 * ACI-BENCH encounters with their clinicians' notes, read from a local copy of a challenge_data CSV whose path is
 * given on the command line (the corpus is never part of this repository). CSV parsing and the dialogue →
 * transcript conversion are the dialogue evaluation's own (bench/aciTranscript.ts).
 */
import { readFileSync } from 'node:fs';

import { parseCsv } from './aciTranscript';

/** One encounter: the dialogue and the clinician's note. */
export interface AciNoteEncounter {
  id: string;
  dialogue: string;
  note: string;
}

/** The encounters of one challenge_data CSV file, with their notes. */
export function readAciNotes(path: string): AciNoteEncounter[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const col = (name: string): number => {
    const i = header?.indexOf(name) ?? -1;
    if (i < 0) throw new Error(`${path}: no "${name}" column`);
    return i;
  };
  const [id, dialogue, note] = [col('encounter_id'), col('dialogue'), col('note')];
  return rows.map((r) => ({ id: r[id] ?? '', dialogue: r[dialogue] ?? '', note: r[note] ?? '' }));
}
