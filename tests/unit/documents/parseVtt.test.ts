import { describe, expect, it } from 'vitest';

import { parseTimestamp, parseVtt } from '../../../src/engines/documents/parseVtt';

const VTT = `WEBVTT - consult

NOTE recorded in clinic

1
00:00:00.000 --> 00:00:03.500
<v Dr. Evans>What seems to be the problem?</v>

2
00:00:03.500 --> 00:00:07.250
<v.loud Patient>My back hurts &amp; my <i>left</i> leg.

00:00:07.250 --> 00:00:09.000
<v Patient>It started last week.

00:01:09.000 --> 00:01:10.000
<v Dr. Evans>Any numbness?</v> <v Patient>No.</v>
`;

describe('parseVtt', () => {
  it('reads voice tags as speakers, cue times as turn times, and merges contiguous cues of one voice', () => {
    expect(parseVtt(VTT)).toEqual([
      { label: 'Dr. Evans', text: 'What seems to be the problem?', start: 0, end: 3.5 },
      { label: 'Patient', text: 'My back hurts & my left leg. It started last week.', start: 3.5, end: 9 },
      { label: 'Dr. Evans', text: 'Any numbness?', start: 69, end: 70 },
      { label: 'Patient', text: 'No.', start: 69, end: 70 },
    ]);
  });

  it('keeps cues without voice tags, unlabelled', () => {
    expect(parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nHello')).toEqual([{ text: 'Hello', start: 1, end: 2 }]);
  });

  it('refuses a file without the WEBVTT header', () => {
    expect(() => parseVtt('00:01.000 --> 00:02.000\nHello')).toThrow(/WEBVTT/);
  });

  it.each([
    ['00:00:01.500', 1.5],
    ['01:02.250', 62.25],
    ['1:00:00,000', 3600],
  ])('parseTimestamp(%s) = %d', (value, seconds) => {
    expect(parseTimestamp(value)).toBeCloseTo(seconds);
  });
});
