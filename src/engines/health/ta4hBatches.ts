import type { TextChunk } from '../../model/chunk';
import { countGraphemes, splitByGraphemes } from './graphemes';
import type { Ta4hDocument } from './ta4hTypes';

/** Service limits for the Healthcare task (per document, per request). */
export const TA4H_LIMITS = {
  maxDocumentGraphemes: 125_000,
  maxDocumentsPerRequest: 25,
  maxRequestBytes: 1_000_000,
} as const;

/** A document sent to the service and where its text sits in the full transcript text. */
export interface PlannedDocument extends Ta4hDocument {
  offset: number;
}

/** Request envelope bytes besides the documents (task, parameters, JSON punctuation), with room to spare. */
const ENVELOPE_BYTES = 1_024;
const documentBytes = (d: Ta4hDocument): number => Buffer.byteLength(JSON.stringify(d), 'utf8') + 1;

/**
 * Turns chunks into documents of at most 125,000 graphemes (an over-long chunk is cut at sentence or space
 * boundaries) and groups them into requests of at most 25 documents and 1 MB of JSON. Deterministic.
 */
export function planTa4hRequests(
  chunks: readonly TextChunk[],
  language = 'en',
  limits = TA4H_LIMITS,
): PlannedDocument[][] {
  const documents: PlannedDocument[] = [];
  for (const chunk of chunks) {
    if (chunk.text.trim() === '') continue;
    const pieces =
      countGraphemes(chunk.text) > limits.maxDocumentGraphemes
        ? splitByGraphemes(chunk.text, limits.maxDocumentGraphemes)
        : [chunk.text];
    let offset = chunk.offset;
    pieces.forEach((text, p) => {
      documents.push({ id: pieces.length > 1 ? `${chunk.index}.${p}` : String(chunk.index), language, text, offset });
      offset += text.length;
    });
  }
  const requests: PlannedDocument[][] = [];
  let current: PlannedDocument[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const doc of documents) {
    const size = documentBytes(doc);
    if (size + ENVELOPE_BYTES > limits.maxRequestBytes) {
      // Only text full of multi-byte characters gets here: 125,000 graphemes of 4-byte UTF-8 exceed 1 MB.
      const half = Math.max(1, Math.ceil(countGraphemes(doc.text) / 2));
      let offset = doc.offset;
      splitByGraphemes(doc.text, half).forEach((text, i) => {
        push({ ...doc, id: `${doc.id}~${i}`, text, offset });
        offset += text.length;
      });
      continue;
    }
    push(doc);
  }
  if (current.length > 0) requests.push(current);
  return requests;

  function push(doc: PlannedDocument): void {
    const size = documentBytes(doc);
    if (
      current.length >= limits.maxDocumentsPerRequest ||
      (current.length > 0 && bytes + size > limits.maxRequestBytes)
    ) {
      requests.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(doc);
    bytes += size;
  }
}
