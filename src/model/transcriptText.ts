import type { Transcript } from './transcript';

/** Separator between segments in the full transcript text; entity offsets are counted in this text. */
export const SEGMENT_SEPARATOR = '\n';

export interface SegmentSpan {
  id: string;
  offset: number;
  length: number;
}

/** The full transcript text (segments joined by a newline) and where each segment sits in it. */
export function transcriptText(transcript: Pick<Transcript, 'segments'>): { text: string; spans: SegmentSpan[] } {
  const spans: SegmentSpan[] = [];
  let offset = 0;
  const parts: string[] = [];
  for (const segment of transcript.segments) {
    spans.push({ id: segment.id, offset, length: segment.text.length });
    parts.push(segment.text);
    offset += segment.text.length + SEGMENT_SEPARATOR.length;
  }
  return { text: parts.join(SEGMENT_SEPARATOR), spans };
}

/** The id of the segment that contains `offset` (binary search over spans sorted by offset). */
export function segmentAt(spans: readonly SegmentSpan[], offset: number): string | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (offset < span.offset) hi = mid - 1;
    else if (offset > span.offset + span.length) lo = mid + 1;
    else return span.id;
  }
  return undefined;
}
