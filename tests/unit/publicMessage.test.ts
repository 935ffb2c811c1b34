import { describe, expect, it } from 'vitest';

import { publicMessage } from '../../src/errors';

describe('publicMessage: no stack, no path in what users see (issue 10 item 4)', () => {
  it.each([
    ['Error: boom\n    at run (/work/app/dist/activities/transcribe.js:10:5)', 'Error: boom'],
    [
      'The audio could not be decoded (/tmp/clinscribe/p1-audio-x/input.wav: Invalid data).',
      'The audio could not be decoded (<path>: Invalid data).',
    ],
    ['ffmpeg: C:\\Users\\me\\AppData\\Local\\Temp\\a.wav failed', 'ffmpeg: <path> failed'],
    [
      'The audio is silent: no sound above -50 dBFS in 2.0 s.',
      'The audio is silent: no sound above -50 dBFS in 2.0 s.',
    ],
  ])('%j', (raw, expected) => {
    expect(publicMessage(raw)).toBe(expected);
  });

  it('caps the length', () => {
    expect(publicMessage('x'.repeat(5000)).length).toBeLessThanOrEqual(300);
  });
});
