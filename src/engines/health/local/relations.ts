import type { Entity, Relation } from '../../../model/health';

/** An entity with the sentence it sits in (index into the sentence list). */
export interface Placed {
  entity: Entity;
  sentence: number;
}

interface Rule {
  type: string;
  /** Category of the entity that attaches (role name, categories). */
  from: [string, string[]];
  /** Category of the entity it attaches to (role name, categories). */
  to: [string, string[]];
}

const CONDITIONS = ['SymptomOrSign', 'Diagnosis'];
const RULES: Rule[] = [
  {
    type: 'DosageOfMedication',
    from: ['Dosage', ['Dosage']],
    to: ['Medication', ['MedicationName', 'MedicationClass']],
  },
  {
    type: 'FrequencyOfMedication',
    from: ['Frequency', ['Frequency']],
    to: ['Medication', ['MedicationName', 'MedicationClass']],
  },
  {
    type: 'RouteOfMedication',
    from: ['Route', ['MedicationRoute']],
    to: ['Medication', ['MedicationName', 'MedicationClass']],
  },
  {
    type: 'FormOfMedication',
    from: ['Form', ['MedicationForm']],
    to: ['Medication', ['MedicationName', 'MedicationClass']],
  },
  { type: 'TimeOfMedication', from: ['Time', ['Time']], to: ['Medication', ['MedicationName']] },
  { type: 'ValueOfExamination', from: ['Value', ['MeasurementValue']], to: ['Examination', ['ExaminationName']] },
  { type: 'UnitOfExamination', from: ['Unit', ['MeasurementUnit']], to: ['Examination', ['ExaminationName']] },
  { type: 'BodySiteOfCondition', from: ['BodyStructure', ['BodyStructure']], to: ['Condition', CONDITIONS] },
  { type: 'BodySiteOfTreatment', from: ['BodyStructure', ['BodyStructure']], to: ['Treatment', ['TreatmentName']] },
  {
    type: 'BodySiteOfExamination',
    from: ['BodyStructure', ['BodyStructure']],
    to: ['Examination', ['ExaminationName']],
  },
  { type: 'DirectionOfBodyStructure', from: ['Direction', ['Direction']], to: ['BodyStructure', ['BodyStructure']] },
  { type: 'DirectionOfCondition', from: ['Direction', ['Direction']], to: ['Condition', CONDITIONS] },
  { type: 'DirectionOfExamination', from: ['Direction', ['Direction']], to: ['Examination', ['ExaminationName']] },
  { type: 'TimeOfCondition', from: ['Time', ['Time']], to: ['Condition', CONDITIONS] },
  { type: 'TimeOfExamination', from: ['Time', ['Time']], to: ['Examination', ['ExaminationName']] },
  { type: 'TimeOfTreatment', from: ['Time', ['Time']], to: ['Treatment', ['TreatmentName']] },
  { type: 'TimeOfEvent', from: ['Time', ['Time']], to: ['Event', ['SubstanceUse']] },
  { type: 'ScaleOfCondition', from: ['Scale', ['ConditionScale']], to: ['Condition', CONDITIONS] },
  { type: 'QualifierOfCondition', from: ['Qualifier', ['ConditionQualifier']], to: ['Condition', CONDITIONS] },
  { type: 'CourseOfCondition', from: ['Course', ['Course']], to: ['Condition', CONDITIONS] },
  { type: 'AmountOfSubstanceUse', from: ['Amount', ['SubstanceUseAmount']], to: ['SubstanceUse', ['SubstanceUse']] },
];

/**
 * Attaches modifiers (dosage, frequency, route, value, unit, body site, direction, time…) to the nearest head
 * entity of the right category in the same sentence, preferring one before the modifier. Each modifier gets at
 * most one relation: from the first rule in the table that finds a head.
 */
export function findRelations(placed: readonly Placed[]): Relation[] {
  const relations: Relation[] = [];
  for (const modifier of placed) {
    const rules = RULES.filter((r) => r.from[1].includes(modifier.entity.category));
    for (const rule of rules) {
      const head = nearestHead(placed, modifier, rule.to[1]);
      if (!head) continue;
      relations.push({
        type: rule.type,
        confidence: 0.8,
        roles: [
          { name: rule.from[0], entityId: modifier.entity.id },
          { name: rule.to[0], entityId: head.entity.id },
        ],
      });
      break;
    }
  }
  return relations;
}

function nearestHead(placed: readonly Placed[], modifier: Placed, categories: string[]): Placed | undefined {
  let best: { p: Placed; score: number } | undefined;
  for (const p of placed) {
    if (p.sentence !== modifier.sentence || p === modifier || !categories.includes(p.entity.category)) continue;
    const before = p.entity.offset < modifier.entity.offset;
    const gap = before
      ? modifier.entity.offset - (p.entity.offset + p.entity.length)
      : p.entity.offset - (modifier.entity.offset + modifier.entity.length);
    // A head before the modifier is the usual order ("metformin 500 mg"): it wins over one equally far after.
    const score = gap * (before ? 1 : 3);
    if (!best || score < best.score) best = { p, score };
  }
  return best?.p;
}
