import { execFile } from 'node:child_process';

import { NonRetriableError } from '../../errors';
import { ffmpegPath } from './ffmpegPath';

/** What ffmpeg reports about an audio file's first audio stream. */
export interface AudioInfo {
  /** Declared duration in seconds (container or header), undefined when ffmpeg reports N/A. */
  duration?: number;
  codec: string;
  sampleRate: number;
  channels: number;
}

const LAYOUTS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  '2.1': 3,
  '3.0': 3,
  quad: 4,
  '4.0': 4,
  '4.1': 5,
  '5.0': 5,
  '5.1': 6,
  '6.0': 6,
  '6.1': 7,
  '7.0': 7,
  '7.1': 8,
  octagonal: 8,
  hexadecagonal: 16,
};

function channelCount(layout: string): number | undefined {
  const n = /^(\d+) channels/.exec(layout);
  if (n) return Number(n[1]);
  const name = layout.replace(/\(.*\)$/, '');
  return LAYOUTS[name];
}

/** Parses the banner `ffmpeg -i file` writes to stderr; undefined when it names no audio stream. Pure. */
export function parseFfmpegInfo(stderr: string): AudioInfo | undefined {
  const stream = /Stream #\d+:\d+[^:]*: Audio: ([^,\n]+)[^,\n]*, (\d+) Hz, ([^,\n]+)/.exec(stderr);
  if (!stream) return undefined;
  const channels = channelCount(stream[3]!.trim());
  if (channels === undefined) return undefined;
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const duration = d ? Math.round((Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 1000) / 1000 : undefined;
  return { duration, codec: stream[1]!.trim().split(' ')[0]!, sampleRate: Number(stream[2]), channels };
}

/** Probes an audio file with ffmpeg; a file with no decodable audio stream is a NonRetriableError. */
export async function probeAudio(path: string): Promise<AudioInfo> {
  const stderr = await new Promise<string>((resolve, reject) => {
    // ffmpeg exits 1 when given no output; the banner on stderr is all we need.
    execFile(ffmpegPath(), ['-hide_banner', '-i', path], { maxBuffer: 4 << 20 }, (error, _out, err) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(error);
      else resolve(String(err));
    });
  });
  const info = parseFfmpegInfo(stderr);
  if (!info) throw new NonRetriableError('UnsupportedAudio', 'The file contains no readable audio stream.');
  return info;
}
