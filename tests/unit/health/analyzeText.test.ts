import { describe, expect, it } from 'vitest';

import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';
import type { Entity, HealthAnalysis } from '../../../src/model/health';
import { HealthAnalysisSchema } from '../../../src/model/health';

const segment = (id: string, text: string) => ({
  id,
  speaker: 'A',
  role: 'other' as const,
  start: 0,
  end: 0,
  text,
  words: [],
});
const engine = createLocalHealthEngine();
const analyze = (...texts: string[]): Promise<HealthAnalysis> =>
  engine.analyze(planChunks({ segments: texts.map((t, i) => segment(`s${i + 1}`, t)) }, 5000));
const find = (a: HealthAnalysis, text: string): Entity | undefined =>
  a.entities.find((e) => e.text.toLowerCase() === text.toLowerCase());

describe('local health engine', () => {
  it('finds multi-word terms, hyphenated and plural forms, with codes', async () => {
    const a = await analyze(
      'She had a chest x-ray for shortness of breath.',
      'Both feet are numb and she has headaches.',
    );
    expect(find(a, 'chest x-ray')).toMatchObject({
      category: 'ExaminationName',
      codes: [expect.objectContaining({ system: 'SNOMEDCT_US', code: '399208008' })],
    });
    expect(find(a, 'shortness of breath')?.codes[0]).toMatchObject({ system: 'ICD10CM', code: 'R06.02' });
    expect(find(a, 'feet')).toMatchObject({ category: 'BodyStructure', segmentId: 's2' });
    expect(find(a, 'headaches')?.codes[0]?.code).toBe('R51.9');
  });

  it('reads doses spoken as words and relates them to the medication', async () => {
    const a = await analyze('Take amoxicillin eight hundred seventy five milligrams by mouth twice a day.');
    const med = find(a, 'amoxicillin')!;
    const dose = find(a, 'eight hundred seventy five milligrams')!;
    expect(dose).toMatchObject({ category: 'Dosage', normalizedText: '875 mg' });
    expect(med.codes).toContainEqual(expect.objectContaining({ system: 'RXNORM', code: '723' }));
    const types = a.relations
      .filter((r) => r.roles.some((x) => x.entityId === med.id))
      .map((r) => r.type)
      .sort();
    expect(types).toEqual(['DosageOfMedication', 'FrequencyOfMedication', 'RouteOfMedication']);
  });

  it('splits a value with a unit and links both to the examination', async () => {
    const a = await analyze(
      'Your temperature is thirty eight point four degrees. Blood pressure is one hundred and forty over ninety.',
    );
    expect(find(a, 'thirty eight point four')).toMatchObject({ category: 'MeasurementValue', normalizedText: '38.4' });
    expect(find(a, 'degrees')).toMatchObject({ category: 'MeasurementUnit' });
    expect(find(a, 'one hundred and forty over ninety')).toMatchObject({
      category: 'MeasurementValue',
      normalizedText: '140/90',
    });
    const temp = find(a, 'temperature')!;
    expect(
      a.relations
        .filter((r) => r.roles.some((x) => x.entityId === temp.id))
        .map((r) => r.type)
        .sort(),
    ).toEqual(['UnitOfExamination', 'ValueOfExamination']);
  });

  it('gives offsets into the full transcript text and the right segment', async () => {
    const texts = ['Hello.', 'I have diabetes and asthma.'];
    const a = await analyze(...texts);
    const full = texts.join('\n');
    for (const e of a.entities) expect(full.slice(e.offset, e.offset + e.length)).toBe(e.text);
    expect(find(a, 'asthma')?.segmentId).toBe('s2');
    expect(HealthAnalysisSchema.parse(a)).toBeTruthy();
  });

  it('does not tag "come back" as a body part or "no," as a negation', async () => {
    const a = await analyze('No, come back if the rash spreads.');
    expect(a.entities.map((e) => e.category)).toEqual(['SymptomOrSign']);
    expect(find(a, 'rash')?.assertion).toEqual({ conditionality: 'hypothetical' });
  });

  it('is deterministic and chunk-size independent', async () => {
    const segments = Array.from({ length: 30 }, (_, i) =>
      segment(`s${i + 1}`, `Patient ${i} denies fever but takes metformin five hundred milligrams daily.`),
    );
    const small = await engine.analyze(planChunks({ segments }, 200));
    const large = await engine.analyze(planChunks({ segments }, 100_000));
    expect(small).toEqual(large);
    expect(small.entities.filter((e) => e.text === 'fever').every((e) => e.assertion.certainty === 'negative')).toBe(
      true,
    );
  });

  it('returns nothing clinical for ordinary text and handles empty input', async () => {
    expect((await analyze('The weather was lovely and we went to the beach.')).entities).toEqual([]);
    expect(await engine.analyze([])).toMatchObject({ engine: 'local', entities: [], relations: [] });
    expect((await analyze('')).entities).toEqual([]);
  });

  it('analyses 2 MB of text', async () => {
    const line = 'I have had a cough for five days and take ibuprofen four hundred milligrams every six hours.';
    const segments = Array.from({ length: Math.ceil((2 * 1024 * 1024) / (line.length + 1)) }, (_, i) =>
      segment(`s${i + 1}`, line),
    );
    const a = await engine.analyze(planChunks({ segments }, 5000));
    expect(a.entities.length).toBe(segments.length * 5);
    expect(a.entities.at(-1)?.segmentId).toBe(`s${segments.length}`);
  });
});
