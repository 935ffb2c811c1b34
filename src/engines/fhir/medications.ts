import type { AllergyIntolerance, Dosage, MedicationStatement } from '@medplum/fhirtypes';

import type { Entity } from '../../model/health';
import { hl7Concept, toCodeableConcept } from './codings';
import type { BuildContext } from './context';
import { assertionOf, selfIdentifier } from './context';
import { KEYS } from './participants';
import { toQuantity, toTiming } from './quantities';

/** Spoken route → SNOMED CT route concept. */
const ROUTES: ReadonlyArray<[RegExp, string, string]> = [
  [/\b(by mouth|oral(ly)?|po)\b/, '26643006', 'Oral route'],
  [/\b(intravenous(ly)?|iv)\b/, '47625008', 'Intravenous route'],
  [/\b(intramuscular(ly)?|im)\b/, '78421000', 'Intramuscular route'],
  [/\b(subcutaneous(ly)?|under the skin)\b/, '34206005', 'Subcutaneous route'],
  [/\b(topical(ly)?|on the skin)\b/, '6064005', 'Topical route'],
  [/\b(inhaled|inhalation)\b/, '447694001', 'Respiratory tract route'],
];

const first = (ctx: BuildContext, entity: Entity, ...types: string[]): Entity | undefined =>
  types.map((t) => ctx.related(entity, t)[0]).find((e) => e !== undefined);

/** Dosage from DosageOfMedication / FrequencyOfMedication / RouteOfMedication relations, or undefined. */
export function dosageOf(ctx: BuildContext, medication: Entity): Dosage | undefined {
  const dose = first(ctx, medication, 'DosageOfMedication');
  const frequency = first(ctx, medication, 'FrequencyOfMedication');
  const route = first(ctx, medication, 'RouteOfMedication');
  if (!dose && !frequency && !route) return undefined;
  const dosage: Dosage = {
    text: [dose, route, frequency]
      .filter((e) => e !== undefined)
      .map((e) => e.text)
      .join(' '),
  };
  if (frequency) dosage.timing = toTiming(frequency.text);
  if (route) {
    const hit = ROUTES.find(([pattern]) => pattern.test(route.text.toLowerCase()));
    dosage.route = hit
      ? { coding: [{ system: 'http://snomed.info/sct', code: hit[1], display: hit[2] }], text: route.text }
      : { text: route.text };
  }
  const match = dose && /^(.*?)\s+(\S+)$/.exec(dose.text.trim());
  const quantity = match ? toQuantity(match[1]!, match[2]) : undefined;
  if (quantity) dosage.doseAndRate = [{ doseQuantity: quantity }];
  return dosage;
}

/** Status of a medication statement from its assertion: negated → not-taken, future/hypothetical → intended. */
export function medicationStatus(entity: Entity): MedicationStatement['status'] {
  const a = assertionOf(entity);
  if (a.certainty === 'negative') return 'not-taken';
  if (a.temporal === 'future' || a.conditionality) return 'intended';
  if (a.temporal === 'past') return 'completed';
  return 'active';
}

/** A MedicationStatement for a medication mentioned in the encounter, with its dosage when stated. */
export function buildMedicationStatement(ctx: BuildContext, key: string, entity: Entity): MedicationStatement {
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    identifier: [selfIdentifier(ctx, key)],
    status: medicationStatus(entity),
    medicationCodeableConcept: toCodeableConcept(entity),
    subject: ctx.ref(KEYS.patient),
    context: ctx.ref(KEYS.encounter),
    dateAsserted: ctx.createdAt,
    informationSource: ctx.ref(ctx.roleOf(entity.segmentId) === 'patient' ? KEYS.patient : KEYS.practitioner),
  };
  const dosage = dosageOf(ctx, entity);
  if (dosage) statement.dosage = [dosage];
  return statement;
}

/** An AllergyIntolerance; reactions are the symptoms stated in the same segment. */
export function buildAllergy(
  ctx: BuildContext,
  key: string,
  allergen: Entity,
  reactions: Entity[],
): AllergyIntolerance {
  const negated = assertionOf(allergen).certainty === 'negative';
  const allergy: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    identifier: [selfIdentifier(ctx, key)],
    clinicalStatus: hl7Concept('allergyintolerance-clinical', negated ? 'inactive' : 'active'),
    verificationStatus: hl7Concept('allergyintolerance-verification', negated ? 'refuted' : 'unconfirmed'),
    code: toCodeableConcept(allergen),
    patient: ctx.ref(KEYS.patient),
    encounter: ctx.ref(KEYS.encounter),
    recordedDate: ctx.createdAt,
  };
  if (!negated && reactions.length > 0)
    allergy.reaction = [{ manifestation: reactions.map((r) => toCodeableConcept(r)) }];
  return allergy;
}
