import type { Bundle, BundleEntry, Patient, Practitioner, Resource } from '@medplum/fhirtypes';

import type { HealthAnalysis } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import { classifyEntities, type Planned } from './classify';
import { buildCondition, buildFamilyHistory } from './conditions';
import { type BuildContext, createContext } from './context';
import { buildComposition, buildProvenance, buildTranscriptDocument } from './documents';
import { buildAllergy, buildMedicationStatement } from './medications';
import { buildObservation, buildProcedure } from './observations';
import { buildDevice, buildEncounter, buildPatient, buildPractitioner, KEYS } from './participants';
import { deterministicUuid } from './uuid';

/** Encounter metadata; `createdAt` is passed in (no clock here) so the same input gives the same bytes. */
export interface BundleMeta {
  encounterId: string;
  createdAt: string;
  patient?: Patient;
  practitioner?: Practitioner;
}

function buildPlanned(ctx: BuildContext, p: Planned): Resource {
  switch (p.kind) {
    case 'Condition':
      return buildCondition(ctx, p.key, p.entity);
    case 'FamilyMemberHistory':
      return buildFamilyHistory(ctx, p.key, p.entity, p.relative);
    case 'MedicationStatement':
      return buildMedicationStatement(ctx, p.key, p.entity);
    case 'Observation':
      return buildObservation(ctx, p.key, p.entity, p.value, p.unit);
    case 'Procedure':
      return buildProcedure(ctx, p.key, p.entity, p.status);
    case 'AllergyIntolerance':
      return buildAllergy(ctx, p.key, p.entity, p.reactions);
  }
}

/**
 * Builds the FHIR R4 `document` Bundle for an encounter: Composition first, then participants, the clinical
 * resources derived from the health analysis, the transcript as a DocumentReference, and a Provenance.
 */
export function buildBundle(transcript: Transcript, analysis: HealthAnalysis, meta: BundleMeta): Bundle {
  const ctx = createContext(transcript, analysis, meta.encounterId, meta.createdAt);
  const clinical = classifyEntities(ctx, analysis).map((p) => ({ key: p.key, resource: buildPlanned(ctx, p) }));
  const engines = [
    `transcript:${transcript.engine}`,
    `health:${analysis.engine}${analysis.modelVersion ? `@${analysis.modelVersion}` : ''}`,
  ].join(' ');
  const entries: Array<{ key: string; resource: Resource }> = [
    { key: KEYS.composition, resource: buildComposition(ctx, clinical) },
    { key: KEYS.patient, resource: buildPatient(ctx, meta.patient) },
    { key: KEYS.practitioner, resource: buildPractitioner(ctx, meta.practitioner) },
    { key: KEYS.encounter, resource: buildEncounter(ctx) },
    ...clinical,
    { key: KEYS.transcript, resource: buildTranscriptDocument(ctx, transcript) },
    { key: KEYS.device, resource: buildDevice(ctx, engines) },
  ];
  const derived = [KEYS.composition, ...clinical.map((c) => c.key), KEYS.transcript];
  entries.push({ key: KEYS.provenance, resource: buildProvenance(ctx, derived) });
  const entry: BundleEntry[] = entries.map((e) => ({ fullUrl: ctx.fullUrl(e.key), resource: e.resource }));
  return {
    resourceType: 'Bundle',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${deterministicUuid(meta.encounterId, 'Bundle')}` },
    type: 'document',
    timestamp: meta.createdAt,
    entry,
  };
}
