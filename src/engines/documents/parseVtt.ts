import { NonRetriableError } from '../../errors';
import type { DocumentTurn } from './segmentsToTranscript';

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})/;
const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>([\s\S]*?)(?:<\/v>|(?=<v[\s.])|$)/g;

/** `hh:mm:ss.ttt` or `mm:ss.ttt` → seconds. */
export function parseTimestamp(value: string): number {
  const parts = value.replace(',', '.').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

const stripTags = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ');

/**
 * Turns of a WebVTT file: one per cue, or one per voice span when a cue holds several `<v Name>` tags. The voice
 * name is the speaker label. NOTE, STYLE and REGION blocks are skipped.
 */
export function parseVtt(text: string): DocumentTurn[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!/^WEBVTT(?:[ \t].*)?(?:\r?\n|$)/.test(body))
    throw new NonRetriableError('InvalidDocument', 'Not a WebVTT file (no WEBVTT header)');
  const turns: DocumentTurn[] = [];
  for (const block of body.split(/(?:\r?\n){2,}/).slice(1)) {
    const lines = block.split(/\r?\n/);
    const timingLine = lines.findIndex((line) => TIMING.test(line));
    if (timingLine < 0) continue;
    const [, from, to] = TIMING.exec(lines[timingLine]!)!;
    const start = parseTimestamp(from!);
    const end = parseTimestamp(to!);
    const payload = lines.slice(timingLine + 1).join('\n');
    const voices = [...payload.matchAll(VOICE)];
    if (voices.length === 0) turns.push({ text: stripTags(payload), start, end });
    for (const voice of voices) turns.push({ label: voice[1]!.trim(), text: stripTags(voice[2]!), start, end });
  }
  return mergeContinuations(turns);
}

/** Consecutive cues of the same voice are one turn (captioners cut long turns into several cues). */
function mergeContinuations(turns: DocumentTurn[]): DocumentTurn[] {
  const merged: DocumentTurn[] = [];
  for (const turn of turns) {
    const last = merged[merged.length - 1];
    if (last && turn.label !== undefined && last.label === turn.label && turn.start === last.end) {
      last.text += ` ${turn.text}`;
      last.end = turn.end;
    } else merged.push({ ...turn });
  }
  return merged;
}
