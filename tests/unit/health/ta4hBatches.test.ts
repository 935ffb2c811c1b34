import { describe, expect, it } from 'vitest';

import { fromTa4hAssertion } from '../../../src/engines/health/fromTa4hResult';
import { countGraphemes } from '../../../src/engines/health/graphemes';
import { planTa4hRequests } from '../../../src/engines/health/ta4hBatches';
import type { TextChunk } from '../../../src/model/chunk';

const chunk = (index: number, offset: number, text: string): TextChunk => ({
  index,
  offset,
  text,
  segments: [{ id: `s${index + 1}`, offset: 0, length: text.length }],
});

describe('planTa4hRequests', () => {
  it('cuts documents at 125,000 graphemes (not UTF-16 units) and keeps their offsets', () => {
    const text = 'Sentence with an emoji 👍🏽. '.repeat(6000);
    const requests = planTa4hRequests([chunk(0, 100, text)]);
    const docs = requests.flat();
    expect(docs.length).toBeGreaterThan(1);
    expect(docs.every((d) => countGraphemes(d.text) <= 125_000)).toBe(true);
    expect(docs.map((d) => d.text).join('')).toBe(text);
    expect(docs[1]!.offset).toBe(100 + docs[0]!.text.length);
  });

  it('groups at most 25 documents and at most 1 MB per request, skipping blank chunks', () => {
    const many = Array.from({ length: 60 }, (_, i) => chunk(i, i * 10, 'text'));
    expect(planTa4hRequests(many).map((r) => r.length)).toEqual([25, 25, 10]);
    const big = Array.from({ length: 6 }, (_, i) => chunk(i, i, 'é'.repeat(100_000)));
    expect(planTa4hRequests(big).map((r) => r.length)).toEqual([4, 2]);
    expect(planTa4hRequests([chunk(0, 0, '  \n ')])).toEqual([]);
  });

  it('splits a document whose UTF-8 JSON exceeds 1 MB', () => {
    // One grapheme of 11 bytes: e with five combining acute accents.
    const wide = 'e\u0301\u0301\u0301\u0301\u0301'.repeat(100_000);
    const docs = planTa4hRequests([chunk(0, 0, wide)]).flat();
    expect(docs.length).toBe(2);
    expect(docs.map((d) => d.text).join('')).toBe(wide);
  });
});

describe('fromTa4hAssertion', () => {
  it('reads all four kinds, temporality included, and drops unknown values', () => {
    expect(
      fromTa4hAssertion({
        certainty: 'negativePossible',
        conditionality: 'hypothetical',
        association: 'other',
        temporality: 'future',
      }),
    ).toEqual({
      certainty: 'negativePossible',
      conditionality: 'hypothetical',
      association: 'other',
      temporal: 'future',
    });
    expect(fromTa4hAssertion({ certainty: 'negative', temporality: 'someday' })).toEqual({ certainty: 'negative' });
    expect(fromTa4hAssertion(undefined)).toEqual({});
  });
});
