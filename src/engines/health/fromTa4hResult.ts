import type { Assertion, Entity, HealthAnalysis, Relation } from '../../model/health';
import { AssertionSchema } from '../../model/health';
import type { SegmentSpan } from '../../model/transcriptText';
import { segmentAt } from '../../model/transcriptText';
import type { Ta4hDocumentResult, Ta4hEntity, Ta4hResults } from './ta4hTypes';

/** Maps the service's assertion (its `temporality` is our `temporal`), dropping values we do not know. */
export function fromTa4hAssertion(a: Ta4hEntity['assertion']): Assertion {
  if (!a) return {};
  const parsed = AssertionSchema.safeParse({
    certainty: a.certainty,
    conditionality: a.conditionality,
    association: a.association,
    temporal: a.temporality,
  });
  if (parsed.success)
    return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Assertion;
  const out: Assertion = {};
  for (const key of ['certainty', 'conditionality', 'association', 'temporal'] as const) {
    const value = key === 'temporal' ? a.temporality : a[key];
    const one = AssertionSchema.shape[key].safeParse(value);
    if (one.success && one.data !== undefined) Object.assign(out, { [key]: one.data });
  }
  return out;
}

const REF = /^#\/results\/documents\/(\d+)\/entities\/(\d+)$/;

/**
 * Converts one request's Healthcare results to a partial analysis with absolute offsets: `offsets` gives each
 * document's place in the full transcript text, `spans` the segments (absolute) for `segmentId`.
 */
export function fromTa4hResult(
  results: Ta4hResults,
  offsets: ReadonlyMap<string, number>,
  spans: readonly SegmentSpan[],
): HealthAnalysis {
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  const warnings: HealthAnalysis['warnings'] = [];
  const fhirBundles: NonNullable<HealthAnalysis['fhirBundles']> = [];
  const idsByDocument: string[][] = [];
  results.documents.forEach((doc: Ta4hDocumentResult, d) => {
    const base = offsets.get(doc.id);
    if (base === undefined) {
      warnings.push({ code: 'UnknownDocument', message: `result for unknown document ${doc.id} ignored` });
      idsByDocument.push([]);
      return;
    }
    const ids = doc.entities.map((e) => {
      const offset = base + e.offset;
      const entity: Entity = {
        id: `e${entities.length + 1}`,
        text: e.text,
        category: e.category,
        ...(e.subcategory ? { subcategory: e.subcategory } : {}),
        offset,
        length: Math.max(1, e.length),
        segmentId: segmentAt(spans, offset) ?? spans[spans.length - 1]?.id ?? 's1',
        ...(e.name ? { normalizedText: e.name } : {}),
        assertion: fromTa4hAssertion(e.assertion),
        codes: (e.links ?? []).map((l) => ({ system: l.dataSource, code: l.id })),
        confidence: Math.min(1, Math.max(0, e.confidenceScore)),
      };
      entities.push(entity);
      return entity.id;
    });
    idsByDocument[d] = ids;
    for (const w of doc.warnings ?? []) warnings.push({ code: w.code, message: `document ${doc.id}: ${w.message}` });
    if (doc.fhirBundle) fhirBundles.push({ documentId: doc.id, offset: base, bundle: doc.fhirBundle });
  });
  for (const doc of results.documents) {
    for (const r of doc.relations ?? []) {
      const roles = r.entities.map((re) => {
        const m = REF.exec(re.ref);
        const id = m ? idsByDocument[Number(m[1])]?.[Number(m[2])] : undefined;
        return { name: re.role, entityId: id ?? '' };
      });
      if (roles.length < 2 || roles.some((x) => x.entityId === '')) {
        warnings.push({
          code: 'DanglingRelation',
          message: `document ${doc.id}: relation ${r.relationType} refers to a missing entity`,
        });
        continue;
      }
      relations.push({
        type: r.relationType,
        ...(r.confidenceScore !== undefined ? { confidence: r.confidenceScore } : {}),
        roles,
      });
    }
  }
  for (const e of results.errors ?? [])
    warnings.push({
      code: e.error.innererror?.code ?? e.error.code,
      message: `document ${e.id} not analysed: ${e.error.message}`,
    });
  return {
    engine: 'azure',
    modelVersion: results.modelVersion,
    entities,
    relations,
    warnings,
    ...(fhirBundles.length > 0 ? { fhirBundles } : {}),
  };
}
