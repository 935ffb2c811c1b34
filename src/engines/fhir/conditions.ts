import type { CodeableConcept, Condition, FamilyMemberHistory } from '@medplum/fhirtypes';

import type { Entity } from '../../model/health';
import { hl7Concept, toCodeableConcept } from './codings';
import type { BuildContext } from './context';
import { assertionOf, selfIdentifier } from './context';
import { KEYS } from './participants';

/** Spoken relative → HL7 v3 RoleCode (FamilyMemberHistory.relationship). */
const RELATIVES: ReadonlyArray<[RegExp, string, string]> = [
  [/\b(father|dad)\b/, 'FTH', 'father'],
  [/\b(mother|mom|mum)\b/, 'MTH', 'mother'],
  [/\bsisters?\b/, 'SIS', 'sister'],
  [/\bbrothers?\b/, 'BRO', 'brother'],
  [/\bsons?\b/, 'SON', 'son'],
  [/\bdaughters?\b/, 'DAU', 'daughter'],
  [/\bgrandmother\b/, 'GRMTH', 'grandmother'],
  [/\bgrandfather\b/, 'GRFTH', 'grandfather'],
  [/\baunt\b/, 'AUNT', 'aunt'],
  [/\buncle\b/, 'UNCLE', 'uncle'],
  [/\b(parents?)\b/, 'PRN', 'parent'],
  [/\b(siblings?)\b/, 'SIB', 'sibling'],
];

/** The relative an entity with association `other` belongs to: the nearest FamilyRelation before it in its segment, else after. */
export function familyRelationOf(ctx: BuildContext, entity: Entity): Entity | undefined {
  const relatives = ctx.entitiesIn(entity.segmentId).filter((e) => e.category === 'FamilyRelation');
  const before = relatives.filter((r) => r.offset < entity.offset).sort((a, b) => b.offset - a.offset)[0];
  return before ?? relatives.filter((r) => r.offset > entity.offset).sort((a, b) => a.offset - b.offset)[0];
}

/** HL7 RoleCode concept for a spoken relative (FAMMEMB when the word is not one we know). */
export function relationshipConcept(relativeText: string): CodeableConcept {
  const lower = relativeText.toLowerCase();
  const hit = RELATIVES.find(([pattern]) => pattern.test(lower));
  const concept = hl7Concept('v3-RoleCode', hit?.[1] ?? 'FAMMEMB', hit?.[2] ?? 'family member');
  return { ...concept, text: relativeText };
}

/**
 * condition-ver-status by TA4H certainty: a leaning-positive hedge is a tentative diagnosis (`provisional`); one
 * only under consideration or judged unlikely is one of the candidates (`differential`).
 */
const VERIFICATION: Record<ReturnType<typeof assertionOf>['certainty'], string> = {
  positive: 'confirmed',
  negative: 'refuted',
  positivePossible: 'provisional',
  neutralPossible: 'differential',
  negativePossible: 'differential',
};

/** A Condition from a symptom, sign or diagnosis; verification and clinical status follow the assertion. */
export function buildCondition(ctx: BuildContext, key: string, entity: Entity): Condition {
  const a = assertionOf(entity);
  const verification = VERIFICATION[a.certainty];
  const bodySite = ctx.related(entity, 'BodySiteOfCondition').map((e) => toCodeableConcept(e));
  const onset = ctx.related(entity, 'TimeOfCondition')[0];
  const condition: Condition = {
    resourceType: 'Condition',
    identifier: [selfIdentifier(ctx, key)],
    verificationStatus: hl7Concept('condition-ver-status', verification),
    category: [hl7Concept('condition-category', 'encounter-diagnosis', 'Encounter Diagnosis')],
    code: toCodeableConcept(entity),
    subject: ctx.ref(KEYS.patient),
    encounter: ctx.ref(KEYS.encounter),
    recordedDate: ctx.createdAt,
  };
  if (verification !== 'refuted') {
    condition.clinicalStatus = hl7Concept('condition-clinical', a.temporal === 'past' ? 'inactive' : 'active');
  }
  if (bodySite.length > 0) condition.bodySite = bodySite;
  if (onset) condition.onsetString = onset.text;
  return condition;
}

/** A FamilyMemberHistory for a condition the transcript attributes to a relative (callers skip negated ones). */
export function buildFamilyHistory(
  ctx: BuildContext,
  key: string,
  entity: Entity,
  relative: Entity,
): FamilyMemberHistory {
  return {
    resourceType: 'FamilyMemberHistory',
    identifier: [selfIdentifier(ctx, key)],
    status: 'completed',
    patient: ctx.ref(KEYS.patient),
    date: ctx.createdAt,
    relationship: relationshipConcept(relative.text),
    condition: [{ code: toCodeableConcept(entity) }],
  };
}
