import type { TextChunk } from '../../model/chunk';
import type { Transcript } from '../../model/transcript';
import { SEGMENT_SEPARATOR, transcriptText } from '../../model/transcriptText';
import { countGraphemes, splitByGraphemes } from './graphemes';

/**
 * Deterministic split of a transcript into chunks of whole segments, each at most `maxGraphemes` graphemes
 * (separators included). A single segment longer than that becomes several chunks, cut at sentence or space
 * boundaries; each of those chunks carries the segment id with the span of the piece it holds.
 */
export function planChunks(transcript: Pick<Transcript, 'segments'>, maxGraphemes: number): TextChunk[] {
  if (!Number.isInteger(maxGraphemes) || maxGraphemes < 1)
    throw new RangeError('maxGraphemes must be a positive integer');
  const { text, spans } = transcriptText(transcript);
  const who = new Map(transcript.segments.map((s) => [s.id, { speaker: s.speaker, role: s.role }]));
  const chunks: TextChunk[] = [];
  let current: { start: number; end: number; graphemes: number; segments: TextChunk['segments'] } | undefined;
  const flush = (): void => {
    if (!current) return;
    chunks.push({
      index: chunks.length,
      offset: current.start,
      text: text.slice(current.start, current.end),
      segments: current.segments,
    });
    current = undefined;
  };
  for (const span of spans) {
    const segText = text.slice(span.offset, span.offset + span.length);
    const graphemes = countGraphemes(segText);
    if (graphemes > maxGraphemes) {
      flush();
      let offset = span.offset;
      for (const piece of splitByGraphemes(segText, maxGraphemes)) {
        chunks.push({
          index: chunks.length,
          offset,
          text: piece,
          segments: [{ id: span.id, offset: 0, length: piece.length, ...who.get(span.id) }],
        });
        offset += piece.length;
      }
      continue;
    }
    const added = current ? SEGMENT_SEPARATOR.length + graphemes : graphemes;
    if (current && current.graphemes + added > maxGraphemes) flush();
    if (!current) {
      current = {
        start: span.offset,
        end: span.offset + span.length,
        graphemes,
        segments: [{ id: span.id, offset: 0, length: span.length, ...who.get(span.id) }],
      };
    } else {
      current.segments.push({
        id: span.id,
        offset: span.offset - current.start,
        length: span.length,
        ...who.get(span.id),
      });
      current.end = span.offset + span.length;
      current.graphemes += added;
    }
  }
  flush();
  return chunks;
}
