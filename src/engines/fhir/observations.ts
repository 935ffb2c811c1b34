import type { Observation, Procedure, Quantity } from '@medplum/fhirtypes';

import type { Entity } from '../../model/health';
import { hl7Concept, toCodeableConcept } from './codings';
import type { BuildContext } from './context';
import { assertionOf, selfIdentifier } from './context';
import { KEYS } from './participants';
import { parseSpokenNumber, toQuantity } from './quantities';

const VITAL_LOINC = new Set([
  '8310-5',
  '2708-6',
  '59408-5',
  '85354-9',
  '8867-4',
  '9279-1',
  '29463-7',
  '8302-2',
  '39156-5',
  '8480-6',
  '8462-4',
]);
const VITAL_WORDS = /temperature|blood pressure|pulse|heart rate|respiratory rate|saturation|weight|height|\bbmi\b/;

/** The value and unit entities of an examination (relations ValueOfExamination / UnitOfExamination). */
export function measurementOf(ctx: BuildContext, exam: Entity): { value?: Entity; unit?: Entity } {
  const value = ctx.related(exam, 'ValueOfExamination')[0];
  const unit = ctx.related(exam, 'UnitOfExamination')[0] ?? (value && ctx.related(value, 'UnitOfExamination')[0]);
  return { value, unit };
}

/** Spoken "degrees" alone: Celsius for body-range values, Fahrenheit above. */
function quantityOf(valueText: string, unitText?: string): Quantity | undefined {
  if (unitText && /^degrees?$/i.test(unitText.trim())) {
    const n = parseSpokenNumber(valueText);
    if (n !== undefined) return toQuantity(valueText, n < 50 ? 'degrees celsius' : 'degrees fahrenheit');
  }
  return toQuantity(valueText, unitText);
}

const BP_COMPONENTS: ReadonlyArray<[string, string]> = [
  ['8480-6', 'Systolic blood pressure'],
  ['8462-4', 'Diastolic blood pressure'],
];

/** An Observation for an examination with a stated value; "X over Y" becomes systolic/diastolic components. */
export function buildObservation(
  ctx: BuildContext,
  key: string,
  exam: Entity,
  value: Entity,
  unit?: Entity,
): Observation {
  const code = toCodeableConcept(exam);
  const loinc = code.coding?.filter((c) => c.system === 'http://loinc.org').map((c) => c.code) ?? [];
  const vital = loinc.some((c) => c !== undefined && VITAL_LOINC.has(c)) || VITAL_WORDS.test(exam.text.toLowerCase());
  const observation: Observation = {
    resourceType: 'Observation',
    identifier: [selfIdentifier(ctx, key)],
    status: 'final',
    category: [hl7Concept('observation-category', vital ? 'vital-signs' : 'exam', vital ? 'Vital Signs' : 'Exam')],
    code,
    subject: ctx.ref(KEYS.patient),
    encounter: ctx.ref(KEYS.encounter),
    issued: ctx.createdAt,
  };
  const parts = /^(.+?)\s+over\s+(.+)$/i.exec(value.text.trim());
  const pair = parts && [parts[1]!, parts[2]!].map((p) => toQuantity(p, unit?.text ?? 'mmHg'));
  if (pair && pair.every((q) => q !== undefined)) {
    observation.component = BP_COMPONENTS.map(([c, display], i) => ({
      code: { coding: [{ system: 'http://loinc.org', code: c, display }] },
      valueQuantity: pair[i],
    }));
    return observation;
  }
  const quantity = quantityOf(value.text, unit?.text);
  if (quantity) observation.valueQuantity = quantity;
  else observation.valueString = [value.text, unit?.text].filter(Boolean).join(' ');
  return observation;
}

/** Procedure status from the assertion; undefined for hypothetical or conditional mentions (not events). */
export function procedureStatus(entity: Entity): Procedure['status'] | undefined {
  const a = assertionOf(entity);
  if (a.conditionality) return undefined;
  if (a.certainty === 'negative') return 'not-done';
  if (a.temporal === 'future') return 'preparation';
  return 'completed';
}

/** A Procedure for a treatment or a test mentioned without a result. */
export function buildProcedure(ctx: BuildContext, key: string, entity: Entity, status: Procedure['status']): Procedure {
  const procedure: Procedure = {
    resourceType: 'Procedure',
    identifier: [selfIdentifier(ctx, key)],
    status,
    code: toCodeableConcept(entity),
    subject: ctx.ref(KEYS.patient),
    encounter: ctx.ref(KEYS.encounter),
  };
  const site = ctx.related(entity, 'BodySiteOfTreatment').map((e) => toCodeableConcept(e));
  if (site.length > 0) procedure.bodySite = site;
  return procedure;
}
