import { describe, expect, it } from 'vitest';

import type { Fact } from '../../../src/engines/health/scoreFacts';
import { factsOf, scoreFacts } from '../../../src/engines/health/scoreFacts';
import type { Assertion, Entity } from '../../../src/model/health';

const mention = (code: string, assertion: Assertion, category = 'SymptomOrSign'): Entity => ({
  id: `e${code}`,
  text: code,
  category,
  offset: 0,
  length: 1,
  segmentId: 's1',
  normalizedText: code,
  assertion,
  codes: [{ system: 'ICD10CM', code }],
  confidence: 1,
});
const fact = (code: string, status: Fact['status'], subject: Fact['subject'] = 'patient'): Fact => ({
  key: `ICD10CM:${code}`,
  name: code,
  status,
  subject,
});

describe('factsOf', () => {
  it('reads mentions as encounter facts: open questions and hypotheticals claim nothing, present wins', () => {
    const facts = factsOf([
      mention('A', { certainty: 'neutralPossible' }),
      mention('B', { conditionality: 'hypothetical' }),
      mention('C', { certainty: 'negative' }),
      mention('C', {}),
      mention('D', { certainty: 'negative' }),
      mention('E', { certainty: 'positivePossible' }),
      mention('F', { association: 'other' }),
      mention('G', {}, 'BodyStructure'),
    ]);
    expect(facts.map((f) => [f.key, f.status, f.subject])).toEqual([
      ['ICD10CM:C', 'present', 'patient'],
      ['ICD10CM:D', 'absent', 'patient'],
      ['ICD10CM:E', 'possible', 'patient'],
      ['ICD10CM:F', 'present', 'family'],
    ]);
  });
});

describe('scoreFacts', () => {
  it('counts right, wrong-status, missed and false-positive facts; unjudged concepts are ignored', () => {
    const s = scoreFacts(
      [
        fact('A', 'present'),
        fact('B', 'absent'),
        fact('C', 'present'),
        fact('N', 'none'),
        fact('F', 'present', 'family'),
      ],
      [fact('A', 'present'), fact('B', 'present'), fact('N', 'present'), fact('F', 'present'), fact('Z', 'present')],
    );
    expect(s).toMatchObject({ gold: 4, right: 1, predictedJudged: 4 });
    expect(s.wrongStatus).toEqual(['B (patient): present for absent']);
    expect(s.missed).toEqual(['C (patient) present', 'F (family) present']);
    expect(s.falsePositives).toEqual(['N (patient) present for none', 'F (patient) present']);
  });
});
