import { open, stat } from 'node:fs/promises';

import { NonRetriableError } from '../../errors';
import type { AudioLimits } from './audioLimits';
import { type AudioInfo, probeAudio } from './probeAudio';
import { type AudioContentType, looksLikeText, sniffAudioType } from './sniffAudioType';

/** What the cheap checks learn about a recording without decoding it. */
export interface AudioInspection {
  contentType: AudioContentType;
  sizeBytes: number;
  info: AudioInfo;
}

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Checks a local recording by its bytes and header: not empty, not over the size limit, a real audio container
 * (the extension and declared type are ignored), a readable audio stream, a supported channel count and duration.
 * Every failure is a NonRetriableError whose message says what was wrong.
 */
export async function inspectAudio(path: string, limits: AudioLimits): Promise<AudioInspection> {
  const size = await stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new NonRetriableError('AudioNotFound', 'The audio file does not exist.');
      throw error;
    },
  );
  if (size === 0) throw new NonRetriableError('EmptyAudio', 'The file is empty (0 bytes).');
  if (size > limits.maxBytes) {
    throw new NonRetriableError('AudioTooLarge', `The file is ${mb(size)}, over the ${mb(limits.maxBytes)} limit.`);
  }
  const head = Buffer.alloc(Math.min(size, 64));
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const contentType = sniffAudioType(head);
  if (!contentType) {
    const what = looksLikeText(head) ? 'text, not audio' : 'not a supported audio format';
    throw new NonRetriableError(
      'NotAudio',
      `The file content is ${what} (wav, mp3, m4a, ogg/opus, flac or webm expected).`,
    );
  }
  const info = await probeAudio(path);
  if (info.channels > limits.maxChannels) {
    throw new NonRetriableError(
      'TooManyChannels',
      `The audio has ${info.channels} channels; at most ${limits.maxChannels} are supported.`,
    );
  }
  if (info.duration !== undefined && info.duration > limits.maxDurationSeconds) {
    throw new NonRetriableError(
      'AudioTooLong',
      `The audio lasts ${Math.round(info.duration)} s, over the ${limits.maxDurationSeconds} s limit.`,
    );
  }
  return { contentType, sizeBytes: size, info };
}
