import { describe, expect, it } from 'vitest';

import { averageRouge, lcsLength, rouge, rougeTokens } from '../../../bench/rouge';

describe('rouge (rouge_score default tokenizer, no stemming)', () => {
  it('tokenizes as rouge_score does: lower case, non-alphanumerics to spaces', () => {
    expect(rougeTokens("BP 120/70, patient's knee-pain!")).toEqual(['bp', '120', '70', 'patient', 's', 'knee', 'pain']);
    expect(rougeTokens('Running runs')).toEqual(['running', 'runs']);
  });

  it("reproduces rouge_score's README example (target, prediction)", () => {
    const s = rouge('The quick brown dog jumps on the log.', 'The quick brown fox jumps over the lazy dog');
    expect(s.rouge1.precision).toBeCloseTo(0.75, 10);
    expect(s.rouge1.recall).toBeCloseTo(6 / 9, 10);
    expect(s.rouge1.f1).toBeCloseTo(0.7058823529411765, 10);
    expect(s.rougeL.precision).toBeCloseTo(0.625, 10);
    expect(s.rougeL.recall).toBeCloseTo(5 / 9, 10);
  });

  it('clips repeated n-grams and scores bigrams', () => {
    const s = rouge('the cat sat on the mat', 'the cat is on the mat');
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(s.rouge2.f1).toBeCloseTo(3 / 5, 10);
    expect(rouge('the the the', 'the cat').rouge1.precision).toBeCloseTo(1 / 3, 10);
  });

  it('gives zero for empty text and averages per note', () => {
    expect(rouge('', 'a b').rouge1.f1).toBe(0);
    expect(lcsLength(['a', 'b', 'c'], ['b', 'c', 'a'])).toBe(2);
    const avg = averageRouge([rouge('a b', 'a b'), rouge('x', 'a b')]);
    expect(avg.rouge1.f1).toBeCloseTo(0.5, 10);
  });
});
