/** A satisfiable byte range `[start, end]` (inclusive), or `'unsatisfiable'`, or undefined for "the whole file". */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * Parses a `Range` header of one byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`) against a size. Several ranges
 * or another unit are answered with the whole file, as RFC 9110 allows.
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, a = '', b = ''] = match;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return 'unsatisfiable';
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  return end < start ? 'unsatisfiable' : { start, end };
}
