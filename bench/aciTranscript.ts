import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import type { Transcript } from '../src/model/transcript';

/** One ACI-BENCH encounter as read from its challenge_data CSV (dialogue kept in memory only, never written). */
export interface AciEncounter {
  dataset: string;
  encounterId: string;
  dialogue: string;
}

/** Parses an RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
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
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => r.some((f) => f !== ''));
}

/**
 * The rows of an ACI-BENCH CSV and a column lookup. Its test splits (clinicalnlp_taskB_test1, …) are the project's
 * held-out evaluation: a file named like one is refused, so no eval can read them by mistake.
 */
export function readAciTable(path: string): { rows: string[][]; column(name: string): number } {
  if (/test/i.test(basename(path))) throw new Error(`${path}: ACI-BENCH test splits are held out; use train or valid`);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const column = (name: string): number => {
    const i = header?.indexOf(name) ?? -1;
    if (i < 0) throw new Error(`${path}: no "${name}" column`);
    return i;
  };
  return { rows, column };
}

/** Reads the encounters of an ACI-BENCH challenge_data CSV (columns dataset, encounter_id, dialogue, note). */
export function readAciCsv(path: string): AciEncounter[] {
  const { rows, column: at } = readAciTable(path);
  const [d, e, g] = [at('dataset'), at('encounter_id'), at('dialogue')];
  return rows.map((r) => ({ dataset: r[d] ?? '', encounterId: r[e] ?? '', dialogue: r[g] ?? '' }));
}

/** "[doctor] …" / "[patient] …" lines → a transcript with speaker roles (a guest is "other"). */
export function aciTranscript(dialogue: string): Transcript {
  const segments: Transcript['segments'] = [];
  for (const line of dialogue.split('\n')) {
    const m = /^\[(\w+)\]\s*(.*)$/.exec(line.trim());
    const last = segments[segments.length - 1];
    // A line without a speaker tag continues the turn before it.
    if (!m && last && line.trim()) last.text += ` ${line.trim()}`;
    if (!m || !m[2]) continue;
    const tag = m[1]!;
    const role = tag === 'doctor' ? 'clinician' : tag === 'patient' ? 'patient' : 'other';
    segments.push({ id: `s${segments.length + 1}`, speaker: tag, role, start: 0, end: 0, text: m[2], words: [] });
  }
  const speakers = [...new Set(segments.map((s) => s.speaker))].map((id) => ({
    id,
    role: segments.find((s) => s.speaker === id)!.role,
  }));
  return { duration: 0, locale: 'en-US', engine: 'document-txt', speakers, segments };
}
