import { type InputType, isAudioType } from '../../engines/documents/sniffType';

/**
 * Whether the content type a client declared agrees with the type sniffed from the content. Only families are
 * compared (browsers disagree on subtypes: `audio/x-m4a`, `video/webm`…); `application/octet-stream`, a missing
 * type and anything else unspecific accept every sniffed type.
 */
export function declaredTypeMatches(declared: string | undefined, sniffed: InputType): boolean {
  const mime = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime.startsWith('audio/') || mime.startsWith('video/')) return isAudioType(sniffed);
  if (mime.startsWith('text/')) return sniffed === 'txt' || sniffed === 'vtt';
  if (mime === 'application/pdf') return sniffed === 'pdf';
  return true;
}
