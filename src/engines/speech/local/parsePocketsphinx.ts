import type { Word } from '../../../model/transcript';

/** One recognizer utterance (a stretch of speech between pauses) with its words. */
export interface Utterance {
  start: number;
  end: number;
  words: Word[];
}

const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/;
const NON_WORD = /^(?:<s>|<\/s>|<sil>|\[.*\]|\+\+.*\+\+)$/;

/**
 * Parses `pocketsphinx_continuous -time yes` output (a hypothesis line, then `word start end posterior` lines from
 * `<s>` to `</s>` per utterance) into utterances, shifting times by `offset` seconds. Alternate pronunciations
 * (`doctor(2)`) are folded to the word; fillers and silences are dropped. Pure.
 */
export function parsePocketsphinx(output: string, offset = 0): Utterance[] {
  const utterances: Utterance[] = [];
  let current: Utterance | undefined;
  for (const line of output.split('\n')) {
    const m = WORD_LINE.exec(line.trim());
    if (!m) continue;
    const token = m[1]!;
    const start = Number(m[2]) + offset;
    const end = Number(m[3]) + offset;
    if (token === '<s>') {
      current = { start, end, words: [] };
      continue;
    }
    if (!current) current = { start, end, words: [] };
    current.end = end;
    if (token === '</s>') {
      if (current.words.length > 0) utterances.push(current);
      current = undefined;
      continue;
    }
    if (NON_WORD.test(token)) continue;
    const w = token.replace(/\(\d+\)$/, '');
    const conf = Math.min(1, Math.max(0, Number(m[4])));
    current.words.push({ w, start: round(start), end: round(end), conf: round(conf) });
  }
  if (current && current.words.length > 0) utterances.push(current);
  return utterances.map((u) => ({ ...u, start: round(u.words[0]!.start), end: round(u.words.at(-1)!.end) }));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
