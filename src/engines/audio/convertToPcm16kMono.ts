import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { NonRetriableError, TransientError } from '../../errors';
import { makeTempDir } from '../../tempFiles';
import { ffmpegPath } from './ffmpegPath';

/** A 16 kHz mono 16-bit wav in its own temp folder; `cleanup()` removes it. */
export interface PcmFile {
  path: string;
  cleanup(): Promise<void>;
}

/** Runs ffmpeg; resolves with its stderr (errors only), rejects on a non-zero exit or an abort. */
export function runFfmpeg(args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      signal,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += d.toString();
    });
    child.on('error', (e) =>
      reject(new TransientError('FfmpegFailed', `ffmpeg could not run: ${e.message}`, { cause: e })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(stderr);
      else {
        const reason = stderr.trim().split('\n').pop() ?? `exit ${code}`;
        reject(new NonRetriableError('UndecodableAudio', `The audio could not be decoded (${reason.slice(0, 200)}).`));
      }
    });
  });
}

/**
 * Decodes any supported audio file to 16 kHz mono 16-bit PCM wav (what the offline recognizer and the acoustic
 * features need). Streams through ffmpeg: the input is never loaded into memory.
 */
export async function convertToPcm16kMono(path: string, signal?: AbortSignal): Promise<PcmFile & { warnings: string }> {
  const dir = await makeTempDir('pcm');
  const out = join(dir, 'audio.wav');
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const warnings = await runFfmpeg(
      [
        '-i',
        path,
        '-vn',
        '-map_metadata',
        '-1',
        '-fflags',
        '+bitexact',
        '-ac',
        '1',
        '-ar',
        '16000',
        '-c:a',
        'pcm_s16le',
        '-f',
        'wav',
        out,
      ],
      signal,
    );
    return { path: out, cleanup, warnings };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
