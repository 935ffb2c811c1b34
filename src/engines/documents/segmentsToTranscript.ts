import type { Segment, Transcript } from '../../model/transcript';
import { speakerRole } from './speakerRole';

/** One labelled turn of a document, before ids and roles are assigned. */
export interface DocumentTurn {
  label?: string;
  text: string;
  start?: number;
  end?: number;
}

const UNLABELLED = 'speaker';

/**
 * Builds a transcript from document turns: speakers get stable ids (`spk1`, `spk2`… in order of appearance), roles
 * from their labels; segments `s1`, `s2`… Documents carry no word timings, so `words` is empty.
 */
export function segmentsToTranscript(turns: readonly DocumentTurn[], engine: string, locale: string): Transcript {
  const speakerIds = new Map<string, string>();
  const segments: Segment[] = [];
  for (const turn of turns) {
    const text = turn.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const label = turn.label?.trim() || UNLABELLED;
    let speaker = speakerIds.get(label);
    if (!speaker) {
      speaker = `spk${speakerIds.size + 1}`;
      speakerIds.set(label, speaker);
    }
    const start = turn.start ?? 0;
    segments.push({
      id: `s${segments.length + 1}`,
      speaker,
      role: speakerRole(label),
      start,
      end: Math.max(start, turn.end ?? start),
      text,
      words: [],
    });
  }
  const speakers = [...speakerIds].map(([label, id]) => ({ id, role: speakerRole(label) }));
  const duration = segments.reduce((max, s) => Math.max(max, s.end), 0);
  return { duration, locale, engine, speakers, segments };
}
