import { NonRetriableError } from '../../errors';

/** The text of a PDF (pages joined by newlines), through unpdf (PDF.js for servers; ESM, hence the dynamic import). */
export async function extractPdfText(data: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(data));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw new NonRetriableError('InvalidDocument', `The PDF could not be read: ${(error as Error).message}`, error);
  }
  const text = pages.join('\n\n').trim();
  if (!text)
    throw new NonRetriableError(
      'InvalidDocument',
      'The PDF contains no extractable text (scanned images are not supported)',
    );
  return text;
}
