import type { Reference, Resource } from '@medplum/fhirtypes';

import type { Entity, HealthAnalysis } from '../../model/health';
import type { SpeakerRole, Transcript } from '../../model/transcript';
import { createStanceOf, isAllergenMention, type Stance } from './questions';
import { deterministicUuid } from './uuid';

/** What every resource builder needs: stable ids, references and a view of the analysis. */
export interface BuildContext {
  encounterId: string;
  createdAt: string;
  /** Deterministic `urn:uuid:` for a resource key such as `Patient` or `Condition/e3`. */
  fullUrl(key: string): string;
  ref<T extends Resource = Resource>(key: string, display?: string): Reference<T>;
  /** Entities related to `entity` through a relation of `type` (e.g. DosageOfMedication). */
  related(entity: Entity, type: string): Entity[];
  roleOf(segmentId: string): SpeakerRole | undefined;
  entitiesIn(segmentId: string): Entity[];
  /** Whether the entity was stated, or only asked about. */
  stanceOf(entity: Entity): Stance;
  /** An Allergen, or a drug named as what the patient is allergic to. */
  isAllergen(entity: Entity): boolean;
  /** Segments that state an allergy (their symptoms are reactions, not problems). */
  allergySegments: Set<string>;
}

/** Builds the context once per bundle: relation and segment lookups are indexed. */
export function createContext(
  transcript: Transcript,
  analysis: HealthAnalysis,
  encounterId: string,
  createdAt: string,
): BuildContext {
  const byId = new Map(analysis.entities.map((e) => [e.id, e]));
  const links = new Map<string, Entity[]>();
  for (const relation of analysis.relations) {
    const members = relation.roles.map((r) => byId.get(r.entityId)).filter((e): e is Entity => e !== undefined);
    for (const member of members) {
      const key = `${member.id}\u0000${relation.type}`;
      const others = members.filter((m) => m.id !== member.id);
      links.set(key, [...(links.get(key) ?? []), ...others]);
    }
  }
  const roles = new Map(transcript.segments.map((s) => [s.id, s.role]));
  const bySegment = new Map<string, Entity[]>();
  for (const e of analysis.entities) bySegment.set(e.segmentId, [...(bySegment.get(e.segmentId) ?? []), e]);
  const allergens = new Set(analysis.entities.filter((e) => isAllergenMention(transcript, e)).map((e) => e.id));
  const fullUrl = (key: string): string => `urn:uuid:${deterministicUuid(encounterId, key)}`;
  return {
    encounterId,
    createdAt,
    fullUrl,
    ref: (key, display) => (display ? { reference: fullUrl(key), display } : { reference: fullUrl(key) }),
    related: (entity, type) => links.get(`${entity.id}\u0000${type}`) ?? [],
    roleOf: (segmentId) => roles.get(segmentId),
    entitiesIn: (segmentId) => bySegment.get(segmentId) ?? [],
    stanceOf: createStanceOf(transcript),
    isAllergen: (entity) => allergens.has(entity.id),
    allergySegments: new Set(analysis.entities.filter((e) => allergens.has(e.id)).map((e) => e.segmentId)),
  };
}

/** The identifier every generated resource carries: its own urn:uuid, so conditional creates can find it. */
export function selfIdentifier(ctx: BuildContext, key: string): { system: string; value: string } {
  return { system: 'urn:ietf:rfc:3986', value: ctx.fullUrl(key) };
}

/** TA4H assertion read with its documented defaults. */
export function assertionOf(entity: Entity): {
  certainty: NonNullable<Entity['assertion']['certainty']>;
  conditionality?: Entity['assertion']['conditionality'];
  association: NonNullable<Entity['assertion']['association']>;
  temporal: NonNullable<Entity['assertion']['temporal']>;
} {
  const a = entity.assertion;
  return {
    certainty: a.certainty ?? 'positive',
    conditionality: a.conditionality,
    association: a.association ?? 'subject',
    temporal: a.temporal ?? 'current',
  };
}

/** Key of a concept for grouping repeated mentions: its first code, else its normalized text. */
export function conceptKey(entity: Entity): string {
  const code = [...entity.codes].sort((a, b) => `${a.system}|${a.code}`.localeCompare(`${b.system}|${b.code}`))[0];
  return code ? `${code.system}|${code.code}` : (entity.normalizedText ?? entity.text).toLowerCase();
}
