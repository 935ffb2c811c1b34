const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ASCII_NO_CR = /^[\x00-\x0c\x0e-\x7f]*$/;

/** Number of user-perceived characters (extended grapheme clusters), which is how the Language service counts. */
export function countGraphemes(text: string): number {
  // ASCII without carriage returns (CR LF is one grapheme) has one grapheme per code unit.
  if (ASCII_NO_CR.test(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/**
 * Splits `text` into pieces of at most `max` graphemes, preferring to cut after a sentence, else after a space,
 * else between graphemes (never inside a surrogate pair or a combined character). Pieces concatenate to `text`.
 */
export function splitByGraphemes(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be ≥ 1');
  const boundaries: number[] = [];
  for (const g of segmenter.segment(text)) boundaries.push(g.index);
  boundaries.push(text.length);
  const pieces: string[] = [];
  let startG = 0;
  while (startG < boundaries.length - 1) {
    const endG = Math.min(startG + max, boundaries.length - 1);
    let cutG = endG;
    if (endG < boundaries.length - 1) cutG = bestCut(text, boundaries, startG, endG);
    pieces.push(text.slice(boundaries[startG], boundaries[cutG]));
    startG = cutG;
  }
  return pieces;
}

function bestCut(text: string, boundaries: number[], startG: number, endG: number): number {
  let space = -1;
  for (let g = endG; g > startG; g--) {
    const prev = text[boundaries[g]! - 1];
    if (prev !== undefined && /\s/.test(prev)) {
      if (/[.?!\n]/.test(text[boundaries[g]! - 2] ?? '')) return g;
      if (space < 0) space = g;
    }
  }
  return space > startG ? space : endG;
}
