import type { Entity, HealthAnalysis, Relation } from '../../model/health';

const entityKey = (e: Entity): string => `${e.offset}:${e.length}:${e.category}`;

function mergeCodes(a: Entity['codes'], b: Entity['codes']): Entity['codes'] {
  const seen = new Set(a.map((c) => `${c.system}|${c.code}`));
  return [...a, ...b.filter((c) => !seen.has(`${c.system}|${c.code}`))];
}

/**
 * Merges partial analyses of chunks whose entity offsets are already absolute. Deterministic: entities sorted by
 * offset, length and category, duplicates (same span and category) folded, ids renumbered `e1`…; relations kept
 * when all their entities survive, deduplicated.
 */
export function mergeAnalyses(partials: readonly HealthAnalysis[]): HealthAnalysis {
  const byKey = new Map<string, Entity>();
  const idMaps: Map<string, string>[] = [];
  for (const partial of partials) {
    const idMap = new Map<string, string>();
    for (const entity of partial.entities) {
      const key = entityKey(entity);
      const existing = byKey.get(key);
      if (existing) existing.codes = mergeCodes(existing.codes, entity.codes);
      else byKey.set(key, { ...entity, codes: [...entity.codes] });
      idMap.set(entity.id, key);
    }
    idMaps.push(idMap);
  }
  const sorted = [...byKey.values()].sort(
    (a, b) =>
      a.offset - b.offset || a.length - b.length || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0),
  );
  const newIdOfKey = new Map<string, string>();
  const entities = sorted.map((e, i) => {
    newIdOfKey.set(entityKey(e), `e${i + 1}`);
    return { ...e, id: `e${i + 1}` };
  });
  const relations: Relation[] = [];
  const seenRelations = new Set<string>();
  partials.forEach((partial, p) => {
    for (const relation of partial.relations) {
      const roles = relation.roles.map((r) => ({
        name: r.name,
        entityId: newIdOfKey.get(idMaps[p]!.get(r.entityId) ?? '') ?? '',
      }));
      if (roles.some((r) => r.entityId === '')) continue;
      const key = `${relation.type}|${roles.map((r) => `${r.name}=${r.entityId}`).join(',')}`;
      if (seenRelations.has(key)) continue;
      seenRelations.add(key);
      relations.push({ ...relation, roles });
    }
  });
  const warnings = dedupe(
    partials.flatMap((p) => p.warnings ?? []),
    (w) => `${w.code}|${w.message}`,
  );
  const fhirBundles = partials.flatMap((p) => p.fhirBundles ?? []);
  const first = partials[0];
  return {
    engine: first?.engine ?? 'none',
    ...(first?.modelVersion ? { modelVersion: first.modelVersion } : {}),
    entities,
    relations,
    warnings,
    ...(fhirBundles.length > 0 ? { fhirBundles } : {}),
  };
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}
