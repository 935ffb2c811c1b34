import { describe, expect, it } from 'vitest';

import { parsePocketsphinx } from '../../../src/engines/speech/local/parsePocketsphinx';

// Real `pocketsphinx_continuous -time yes` output shape (Debian 0.8+5prealpha).
const OUTPUT = `hi i'm doctor evans
<s> 0.180 0.320 0.998601
<sil> 0.330 0.550 0.655178
hi 0.560 0.860 0.083677
i'm 0.930 1.310 0.472987
doctor(2) 1.320 1.630 0.099404
[NOISE] 1.640 1.700 0.5
evans 1.710 2.180 0.980491
</s> 2.190 2.450 1.000000
my back hurts
<s> 4.800 4.900 0.999700
my 4.910 5.070 0.560982
back 5.080 5.500 0.987873
++BREATH++ 5.500 5.600 0.9
hurts 5.610 5.790 1.000000
</s> 5.800 6.000 1.000000
<s> 7.000 7.100 0.9
</s> 7.200 7.300 1.0
`;

describe('parsePocketsphinx', () => {
  it('splits utterances, folds alternates, drops fillers and applies the window offset', () => {
    const utterances = parsePocketsphinx(OUTPUT, 60);
    expect(utterances).toHaveLength(2);
    expect(utterances[0]!.words.map((w) => w.w)).toEqual(['hi', "i'm", 'doctor', 'evans']);
    expect(utterances[0]!.words[2]).toEqual({ w: 'doctor', start: 61.32, end: 61.63, conf: 0.099 });
    expect(utterances[0]).toMatchObject({ start: 60.56, end: 62.18 });
    expect(utterances[1]!.words.map((w) => w.w)).toEqual(['my', 'back', 'hurts']);
  });

  it('keeps words of an utterance cut off without </s>', () => {
    expect(parsePocketsphinx('<s> 0.0 0.1 1\nhello 0.1 0.5 0.9\n')).toEqual([
      { start: 0.1, end: 0.5, words: [{ w: 'hello', start: 0.1, end: 0.5, conf: 0.9 }] },
    ]);
  });

  it('returns nothing for empty output', () => {
    expect(parsePocketsphinx('')).toEqual([]);
  });
});
