/**
 * ACI-BENCH encounters with their clinicians' notes, read from a local copy of a challenge_data CSV whose path is
 * given on the command line (the corpus is never part of this repository). CSV parsing and the dialogue →
 * transcript conversion are the dialogue evaluation's own (bench/aciTranscript.ts).
 */
import { readAciTable } from './aciTranscript';

/** One encounter: the dialogue and the clinician's note. */
export interface AciNoteEncounter {
  id: string;
  dialogue: string;
  note: string;
}

/** The encounters of one challenge_data CSV file, with their notes. */
export function readAciNotes(path: string): AciNoteEncounter[] {
  const { rows, column: col } = readAciTable(path);
  const [id, dialogue, note] = [col('encounter_id'), col('dialogue'), col('note')];
  return rows.map((r) => ({ id: r[id] ?? '', dialogue: r[dialogue] ?? '', note: r[note] ?? '' }));
}
