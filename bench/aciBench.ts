/**
 * Reading ACI-BENCH's challenge_data CSV files (dataset, encounter_id, dialogue, note) from a local copy whose path
 * is given on the command line. The corpus itself is never part of this repository.
 */
import { readFileSync } from 'node:fs';

import { segmentsToTranscript } from '../src/engines/documents/segmentsToTranscript';
import type { Transcript } from '../src/model/transcript';

/** One encounter: the dialogue and the clinician's note. */
export interface AciEncounter {
  id: string;
  dialogue: string;
  note: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field || row.length > 0) endRow();
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** The encounters of one challenge_data CSV file. */
export function readAciCsv(path: string): AciEncounter[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const col = (name: string): number => {
    const i = header?.indexOf(name) ?? -1;
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const [id, dialogue, note] = [col('encounter_id'), col('dialogue'), col('note')];
  return rows.map((r) => ({ id: r[id] ?? '', dialogue: r[dialogue] ?? '', note: r[note] ?? '' }));
}

/** `[doctor] text` lines → a transcript with roles from the bracketed labels (doctor → clinician). */
export function dialogueTranscript(dialogue: string): Transcript {
  const turns = dialogue
    .split(/\r?\n/)
    .map((line) => /^\s*\[([^\]]+)\]\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m && m[2]!.trim() !== '')
    .map((m) => ({ label: m[1] === 'patient_guest' ? 'guest' : m[1]!, text: m[2]! }));
  return segmentsToTranscript(turns, 'document-txt', 'en-US');
}
