import type { Bundle, Resource } from '@medplum/fhirtypes';

import type { HealthAnalysis } from '../../model/health';

/** Blob name of the sidecar; `fhir-bundle.json` (ours: validated, deterministic, one Patient/Encounter) is canonical. */
export const TA4H_BUNDLE_BLOB = 'fhir-bundle.ta4h.json';

/**
 * The FHIR bundles Text Analytics for Health returned (one per document sent), kept unchanged inside one
 * `collection` Bundle for `fhir-bundle.ta4h.json`; undefined when the engine returned none (offline engine).
 * They are informative only: their offsets are per document and their patient and encounter are TA4H's own.
 */
export function ta4hSidecarBundle(analysis: HealthAnalysis, timestamp: string): Bundle | undefined {
  const bundles = analysis.fhirBundles ?? [];
  if (bundles.length === 0) return undefined;
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: bundles.map((b) => ({ resource: b.bundle as unknown as Resource })),
  };
}
