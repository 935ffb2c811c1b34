import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import type { GoldEntity, HealthScore } from '../../../src/engines/health/score';
import {
  assertionKey,
  combineScores,
  resolveGold,
  scoreEntities,
  scoreNegation,
} from '../../../src/engines/health/score';
import type { Entity } from '../../../src/model/health';
import { transcriptText } from '../../../src/model/transcriptText';

const spans = [
  { id: 's1', offset: 0, length: 24 },
  { id: 's2', offset: 25, length: 13 },
];
const text = 'I have no fever or pain.\nPain in knee.';
const gold: GoldEntity[] = [
  {
    segmentId: 's1',
    text: 'fever',
    category: 'SymptomOrSign',
    assertion: { certainty: 'negative' },
    codes: [{ system: 'ICD10CM', code: 'R50.9' }],
  },
  {
    segmentId: 's2',
    text: 'Pain',
    category: 'SymptomOrSign',
    assertion: {},
    codes: [{ system: 'ICD10CM', code: 'R52' }],
  },
  { segmentId: 's2', text: 'knee', category: 'BodyStructure', assertion: {}, codes: [] },
];
const predicted = (over: Partial<Entity>[]): Entity[] =>
  over.map((o, i) => ({
    id: `e${i}`,
    text: 'x',
    category: 'SymptomOrSign',
    offset: 0,
    length: 1,
    segmentId: 's1',
    assertion: {},
    codes: [],
    confidence: 1,
    ...o,
  }));

describe('health scorer', () => {
  it('locates gold spans by segment text and occurrence', () => {
    const resolved = resolveGold([...gold, { ...gold[1]!, segmentId: 's1', text: 'pain', occurrence: 1 }], text, spans);
    expect(resolved.map((g) => text.slice(g.offset, g.offset + g.length))).toEqual(['fever', 'Pain', 'knee', 'pain']);
    expect(() => resolveGold([{ ...gold[0]!, text: 'cough' }], text, spans)).toThrow(/not found/);
  });

  it('counts overlap matches of the same category, assertion and code agreement', () => {
    const resolved = resolveGold(gold, text, spans);
    const score = scoreEntities(
      resolved,
      predicted([
        { offset: 10, length: 5, assertion: { certainty: 'negative' }, codes: [{ system: 'ICD10CM', code: 'R50.9' }] },
        { offset: 25, length: 12, codes: [{ system: 'ICD10CM', code: 'M25.569' }] },
        { offset: 33, length: 4, category: 'Diagnosis' },
        { offset: 19, length: 4 },
      ]),
    );
    expect(score).toMatchObject({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 1,
      assertionCorrect: 2,
      assertionTotal: 2,
      codeCorrect: 1,
      codeTotal: 2,
    });
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBeCloseTo(2 / 3);
    expect(score.f1).toBeCloseTo(4 / 7);
  });

  it('fills assertion defaults before comparing', () => {
    expect(assertionKey({})).toBe(assertionKey({ certainty: 'positive', association: 'subject', temporal: 'current' }));
    expect(assertionKey({ temporal: 'past' })).not.toBe(assertionKey({}));
  });

  it('micro-averages and scores negation as a binary task', () => {
    const s = (tp: number, fp: number, fn: number): HealthScore =>
      combineScores([{ ...scoreEntities([], []), truePositives: tp, falsePositives: fp, falseNegatives: fn }]);
    expect(combineScores([s(1, 0, 1), s(3, 2, 0)])).toMatchObject({
      truePositives: 4,
      falsePositives: 2,
      falseNegatives: 1,
    });
    expect(
      scoreNegation([
        { gold: 'negative', predicted: 'negative' },
        { predicted: 'negative' },
        { gold: 'negative' },
        {},
        {},
      ]),
    ).toEqual({
      truePositives: 1,
      falsePositives: 1,
      trueNegatives: 2,
      falseNegatives: 1,
      specificity: 2 / 3,
      ppv: 0.5,
      sensitivity: 0.5,
    });
  });

  it.each(['enc-back-pain', 'enc-cough-uri', 'enc-diabetes-followup'])(
    'offline engine meets the targets on %s',
    async (id) => {
      const fixtures = join(__dirname, '../../fixtures');
      const script = JSON.parse(readFileSync(join(fixtures, 'encounters', `${id}.json`), 'utf8')) as {
        turns: { text: string }[];
      };
      const transcript = {
        segments: script.turns.map((t, i) => ({
          id: `s${i + 1}`,
          speaker: 'A',
          role: 'other' as const,
          start: 0,
          end: 0,
          text: t.text,
          words: [],
        })),
      };
      const goldFile = JSON.parse(readFileSync(join(fixtures, 'gold', `${id}.health.json`), 'utf8')) as {
        entities: GoldEntity[];
      };
      const full = transcriptText(transcript);
      const analysis = await createLocalHealthEngine().analyze(planChunks(transcript, 5000));
      const score = scoreEntities(resolveGold(goldFile.entities, full.text, full.spans), analysis.entities);
      expect(score.f1).toBeGreaterThanOrEqual(0.85);
      expect(score.assertionAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(score.codeAccuracy).toBeGreaterThanOrEqual(0.9);
    },
  );
});
