import { NonRetriableError } from '../../errors';
import type { Transcript } from '../../model/transcript';
import { extractPdfText } from './extractPdfText';
import { parseText } from './parseText';
import { parseVtt } from './parseVtt';
import { segmentsToTranscript } from './segmentsToTranscript';
import type { DocumentType } from './sniffType';

export { isAudioType, isDocumentType, sniffType } from './sniffType';
export type { AudioType, DocumentType, InputType } from './sniffType';

/**
 * A transcript from a document: txt (speaker labels `Name: …`), WebVTT (`<v Name>` voice tags → speakers, cue
 * times → segment times) or PDF (its text, then as txt). Bad input is a NonRetriableError (`InvalidDocument`).
 */
export async function extractDocument(
  data: Buffer,
  type: DocumentType,
  options: { locale?: string } = {},
): Promise<Transcript> {
  const locale = options.locale ?? 'en-US';
  let transcript: Transcript;
  if (type === 'vtt') transcript = segmentsToTranscript(parseVtt(decode(data)), 'document-vtt', locale);
  else if (type === 'pdf')
    transcript = segmentsToTranscript(parseText(await extractPdfText(data)), 'document-pdf', locale);
  else transcript = segmentsToTranscript(parseText(decode(data)), 'document-txt', locale);
  if (transcript.segments.length === 0)
    throw new NonRetriableError('InvalidDocument', `The ${type} document contains no text`);
  return transcript;
}

function decode(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch (error) {
    throw new NonRetriableError('InvalidDocument', 'The document is not valid UTF-8 text', error);
  }
}
