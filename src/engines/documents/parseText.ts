import type { DocumentTurn } from './segmentsToTranscript';

/** `Doctor: text`, `Dr. Evans: text`, `PATIENT: text`: up to four words, capitalised, before a colon. */
const LABEL = /^\s*([A-Z][\w.'()-]*(?: [\w.'()-]+){0,3}?)\s*:\s+(.*)$/;

/**
 * Turns of a plain-text transcript. A line that starts with `Label:` begins a turn; following unlabelled lines
 * continue it. Text with no labels at all becomes one turn per paragraph (blank-line separated).
 */
export function parseText(text: string): DocumentTurn[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const labelled = lines.filter((line) => LABEL.test(line)).length;
  if (labelled === 0) {
    return text
      .split(/(?:\r?\n\s*){2,}/)
      .map((paragraph) => ({ text: paragraph.trim() }))
      .filter((turn) => turn.text.trim() !== '');
  }
  const turns: DocumentTurn[] = [];
  for (const line of lines) {
    const match = LABEL.exec(line);
    if (match) turns.push({ label: match[1]!, text: match[2]! });
    else if (line.trim() && turns.length > 0) turns[turns.length - 1]!.text += ` ${line.trim()}`;
    else if (line.trim()) turns.push({ text: line });
  }
  return turns;
}
