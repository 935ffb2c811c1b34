/** Content types we accept, identified from the bytes themselves. */
export type AudioContentType =
  'audio/wav' | 'audio/mpeg' | 'audio/ogg' | 'audio/flac' | 'audio/mp4' | 'audio/webm' | 'audio/aac';

const ascii = (b: Uint8Array, at: number, len: number): string =>
  at + len <= b.length ? String.fromCharCode(...b.subarray(at, at + len)) : '';

/** An MPEG audio frame header: 11 sync bits, a valid version, layer III/II/I and bitrate/sample-rate fields. */
function isMpegFrame(b: Uint8Array, at: number): boolean {
  const b0 = b[at];
  const b1 = b[at + 1];
  const b2 = b[at + 2];
  if (b0 === undefined || b1 === undefined || b2 === undefined) return false;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x3;
  const layer = (b1 >> 1) & 0x3;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 0x3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && rate !== 0x3;
}

/**
 * Identifies an audio container from its first bytes (at least 12; 64 is plenty). Returns undefined for anything
 * else (text, images, documents, truncated headers): the caller rejects it. Extensions and declared content types
 * are never trusted.
 */
export function sniffAudioType(bytes: Uint8Array): AudioContentType | undefined {
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'audio/mp4';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm';
  if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
  const b1 = bytes[1];
  // ADTS AAC: sync 0xFFF, layer bits 00.
  if (bytes[0] === 0xff && b1 !== undefined && (b1 & 0xf6) === 0xf0) return 'audio/aac';
  if (isMpegFrame(bytes, 0)) return 'audio/mpeg';
  return undefined;
}

/** True when the bytes look like text (used to word the rejection message). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const b of bytes) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  return printable / bytes.length > 0.95;
}
