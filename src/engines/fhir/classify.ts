import type { Entity, HealthAnalysis } from '../../model/health';
import { familyRelationOf } from './conditions';
import type { BuildContext } from './context';
import { assertionOf, conceptKey } from './context';
import { medicationStatus } from './medications';
import { measurementOf, procedureStatus } from './observations';

/** One clinical resource to build, from the first mention of a concept (later mentions are folded in). */
export type Planned =
  | { kind: 'Condition'; key: string; entity: Entity }
  | { kind: 'FamilyMemberHistory'; key: string; entity: Entity; relative: Entity }
  | { kind: 'MedicationStatement'; key: string; entity: Entity }
  | { kind: 'Observation'; key: string; entity: Entity; value: Entity; unit?: Entity }
  | { kind: 'Procedure'; key: string; entity: Entity; status: NonNullable<ReturnType<typeof procedureStatus>> }
  | { kind: 'AllergyIntolerance'; key: string; entity: Entity; reactions: Entity[] };

type Unkeyed = Planned extends infer P ? (P extends Planned ? Omit<P, 'key'> : never) : never;

const CONDITION_CATEGORIES = new Set(['SymptomOrSign', 'Diagnosis']);
const PROCEDURE_CATEGORIES = new Set(['TreatmentName', 'ExaminationName']);

function plan(ctx: BuildContext, entity: Entity): Unkeyed | undefined {
  const a = assertionOf(entity);
  if (ctx.stanceOf(entity).kind === 'unanswered') return undefined;
  if (CONDITION_CATEGORIES.has(entity.category)) {
    if (a.association === 'other') {
      const relative = familyRelationOf(ctx, entity);
      return relative && a.certainty !== 'negative' && !a.conditionality
        ? { kind: 'FamilyMemberHistory', entity, relative }
        : undefined;
    }
    if (a.conditionality || ctx.allergySegments.has(entity.segmentId)) return undefined;
    // "allergies" asked about or stated is the AllergyIntolerance itself, not a problem.
    if (ctx.allergySegments.size > 0 && /^allerg/i.test(entity.text)) return undefined;
    return { kind: 'Condition', entity };
  }
  if (a.association === 'other') return undefined;
  if (ctx.isAllergen(entity)) {
    const reactions = ctx.entitiesIn(entity.segmentId).filter((e) => e.category === 'SymptomOrSign');
    return { kind: 'AllergyIntolerance', entity, reactions };
  }
  if (entity.category === 'MedicationName') return { kind: 'MedicationStatement', entity };
  if (PROCEDURE_CATEGORIES.has(entity.category)) {
    const { value, unit } = entity.category === 'ExaminationName' ? measurementOf(ctx, entity) : {};
    if (value && a.certainty !== 'negative' && !a.conditionality) return { kind: 'Observation', entity, value, unit };
    const status = procedureStatus(entity);
    // A test named without a result is only an event when it was declined or ordered.
    if (entity.category === 'ExaminationName' && status === 'completed') return undefined;
    return status ? { kind: 'Procedure', entity, status } : undefined;
  }
  return undefined;
}

/** What distinguishes two mentions of one concept that must stay separate resources. */
function variant(p: Unkeyed): string {
  const a = assertionOf(p.entity);
  switch (p.kind) {
    case 'MedicationStatement':
      return medicationStatus(p.entity);
    case 'Procedure':
      return p.status;
    case 'Observation':
      return p.entity.id;
    case 'FamilyMemberHistory':
      return p.relative.text.toLowerCase();
    default:
      return `${a.certainty}|${a.temporal}`;
  }
}

/** Decides which resource each entity becomes; repeated mentions of the same concept and status merge. */
export function classifyEntities(ctx: BuildContext, analysis: HealthAnalysis): Planned[] {
  const entities = [...analysis.entities].sort((x, y) => x.offset - y.offset || x.id.localeCompare(y.id));
  const planned = new Map<string, Planned>();
  for (const entity of entities) {
    const p = plan(ctx, entity);
    if (!p) continue;
    const key = `${p.kind}/${conceptKey(entity)}|${variant(p)}`;
    if (!planned.has(key)) planned.set(key, { ...p, key } as Planned);
  }
  return [...planned.values()];
}
