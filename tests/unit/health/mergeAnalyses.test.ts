import { describe, expect, it } from 'vitest';

import { mergeAnalyses } from '../../../src/engines/health/mergeAnalyses';
import type { Entity, HealthAnalysis } from '../../../src/model/health';

const entity = (
  id: string,
  offset: number,
  text: string,
  category = 'SymptomOrSign',
  codes: Entity['codes'] = [],
): Entity => ({
  id,
  text,
  category,
  offset,
  length: text.length,
  segmentId: 's1',
  assertion: {},
  codes,
  confidence: 0.9,
});
const partial = (entities: Entity[], relations: HealthAnalysis['relations'] = []): HealthAnalysis => ({
  engine: 'local',
  entities,
  relations,
  warnings: [],
});

describe('mergeAnalyses', () => {
  const a = partial(
    [entity('e1', 50, 'metformin', 'MedicationName'), entity('e2', 60, '500 mg', 'Dosage')],
    [
      {
        type: 'DosageOfMedication',
        roles: [
          { name: 'Dosage', entityId: 'e2' },
          { name: 'Medication', entityId: 'e1' },
        ],
      },
    ],
  );
  const b = partial([entity('e1', 5, 'cough', 'SymptomOrSign', [{ system: 'ICD10CM', code: 'R05.9' }])]);

  it('renumbers ids by position and keeps relations pointing at the right entities', () => {
    const merged = mergeAnalyses([a, b]);
    expect(merged.entities.map((e) => [e.id, e.text])).toEqual([
      ['e1', 'cough'],
      ['e2', 'metformin'],
      ['e3', '500 mg'],
    ]);
    expect(merged.relations).toEqual([
      {
        type: 'DosageOfMedication',
        roles: [
          { name: 'Dosage', entityId: 'e3' },
          { name: 'Medication', entityId: 'e2' },
        ],
      },
    ]);
  });

  it('is independent of the order of partials', () => {
    expect(mergeAnalyses([b, a]).entities).toEqual(mergeAnalyses([a, b]).entities);
  });

  it('folds duplicates (same span and category), uniting their codes, and drops dangling relations', () => {
    const c = partial(
      [entity('e7', 5, 'cough', 'SymptomOrSign', [{ system: 'SNOMEDCT_US', code: '49727002' }])],
      [
        {
          type: 'TimeOfCondition',
          roles: [
            { name: 'Time', entityId: 'e9' },
            { name: 'Condition', entityId: 'e7' },
          ],
        },
      ],
    );
    const merged = mergeAnalyses([b, c]);
    expect(merged.entities).toHaveLength(1);
    expect(merged.entities[0]!.codes.map((x) => x.code)).toEqual(['R05.9', '49727002']);
    expect(merged.relations).toEqual([]);
  });

  it('keeps warnings once and the FHIR bundles of every partial', () => {
    const w = { code: 'X', message: 'm' };
    const merged = mergeAnalyses([
      { ...b, warnings: [w], fhirBundles: [{ documentId: '0', offset: 0, bundle: { resourceType: 'Bundle' } }] },
      { ...a, warnings: [w], fhirBundles: [{ documentId: '1', offset: 40, bundle: { resourceType: 'Bundle' } }] },
    ]);
    expect(merged.warnings).toEqual([w]);
    expect(merged.fhirBundles?.map((f) => f.documentId)).toEqual(['0', '1']);
    expect(mergeAnalyses([])).toEqual({ engine: 'none', entities: [], relations: [], warnings: [] });
  });
});
