import { describe, expect, it } from 'vitest';

import { parseFfmpegInfo } from '../../../src/engines/audio/probeAudio';

describe('parseFfmpegInfo', () => {
  it.each([
    [
      'wav mono (ffmpeg 5.1)',
      "Input #0, wav, from 'a.wav':\n  Duration: 00:01:25.53, bitrate: 256 kb/s\n  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 16000 Hz, 1 channels, s16, 256 kb/s",
      { duration: 85.53, codec: 'pcm_s16le', sampleRate: 16000, channels: 1 },
    ],
    [
      'ogg opus mono',
      '  Duration: 00:01:25.54, start: 0.000000, bitrate: 27 kb/s\n  Stream #0:0: Audio: opus, 48000 Hz, mono, fltp',
      { duration: 85.54, codec: 'opus', sampleRate: 48000, channels: 1 },
    ],
    [
      '7.1 layout is 8 channels',
      '  Duration: 00:00:02.00, bitrate: 4096 kb/s\n  Stream #0:0: Audio: pcm_s32le ([1][0][0][0] / 0x0001), 16000 Hz, 7.1, s32, 4096 kb/s',
      { duration: 2, codec: 'pcm_s32le', sampleRate: 16000, channels: 8 },
    ],
    [
      'language tag and unknown duration (ffmpeg 4.1)',
      '  Duration: N/A, bitrate: N/A\n    Stream #0:0(eng): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)',
      { duration: undefined, codec: 'aac', sampleRate: 44100, channels: 2 },
    ],
    [
      '5.1(side)',
      '  Stream #0:0: Audio: flac, 48000 Hz, 5.1(side), s16',
      { duration: undefined, codec: 'flac', sampleRate: 48000, channels: 6 },
    ],
  ])('%s', (_name, stderr, expected) => {
    expect(parseFfmpegInfo(stderr)).toEqual(expected);
  });

  it('returns undefined without an audio stream', () => {
    expect(parseFfmpegInfo("Input #0, png_pipe, from 'x':\n  Stream #0:0: Video: png, rgba, 1x1")).toBeUndefined();
    expect(parseFfmpegInfo('x.wav: Invalid data found when processing input')).toBeUndefined();
  });
});
