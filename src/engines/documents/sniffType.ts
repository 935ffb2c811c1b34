/** Input types the pipeline accepts, by content. */
export const AUDIO_TYPES = ['wav', 'mp3', 'm4a', 'ogg', 'flac', 'webm'] as const;
export const DOCUMENT_TYPES = ['txt', 'vtt', 'pdf'] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type InputType = AudioType | DocumentType;

export const CONTENT_TYPE_OF: Record<InputType, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  webm: 'audio/webm',
  txt: 'text/plain',
  vtt: 'text/vtt',
  pdf: 'application/pdf',
};

export const isAudioType = (type: string): type is AudioType => (AUDIO_TYPES as readonly string[]).includes(type);
export const isDocumentType = (type: string): type is DocumentType =>
  (DOCUMENT_TYPES as readonly string[]).includes(type);

const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString('latin1');

/**
 * The type of an upload from its first bytes (at least 64 are best), never from its name or declared type:
 * magic numbers for audio and PDF, the `WEBVTT` header, else valid UTF-8 text without control bytes.
 * Undefined when it is none of those.
 */
export function sniffType(head: Buffer): InputType | undefined {
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return 'wav';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') return 'm4a';
  if (ascii(head, 0, 3) === 'ID3') return 'mp3';
  if (isUtf16Bom(head)) return undefined; // FF FE looks like an MPEG frame sync: text, not mp3
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0) return 'mp3';
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  const text = stripBom(head);
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text.toString('latin1', 0, Math.min(text.length, 10)))) return 'vtt';
  if (text.length > 0 && isText(text)) return 'txt';
  return undefined;
}

const isUtf16Bom = (head: Buffer) =>
  head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));

/** Why an upload whose type could not be sniffed is refused: a code and a message users can act on. */
export function unsupportedReason(head: Buffer): { code: string; message: string } {
  if (head.length === 0) return { code: 'EmptyUpload', message: 'The upload is empty' };
  if (isUtf16Bom(head))
    return { code: 'UnsupportedEncoding', message: 'The text is UTF-16: save the document as UTF-8' };
  return {
    code: 'UnsupportedType',
    message: 'Unsupported content: expected wav, mp3, m4a, ogg, flac, webm, txt, vtt or pdf',
  };
}

const stripBom = (head: Buffer) => (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head);

function isText(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  // A truncated head may end inside a multi-byte character: drop up to 3 trailing bytes before the UTF-8 check.
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    if (isUtf8(bytes.subarray(0, bytes.length - cut))) return true;
  }
  return false;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
