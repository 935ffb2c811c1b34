import { Containers } from '../model/names';
import type { BlobRef } from '../model/refs';
import { ENCOUNTER_ID_PATTERN } from '../model/stepInputs';

/** Every artifact of an encounter and its blob name under `{encounterId}/`. */
export const ARTIFACT_FILES = {
  manifest: 'manifest.json',
  transcript: 'transcript.json',
  health: 'health.json',
  fhir: 'fhir-bundle.json',
  /** Text Analytics for Health's own bundles, kept beside ours (which is canonical) when the Azure engine ran. */
  fhirTa4h: 'fhir-bundle.ta4h.json',
  note: 'note.json',
  noteMarkdown: 'note.md',
  report: 'report.html',
} as const;
export type Artifact = keyof typeof ARTIFACT_FILES;

/** Content types by file extension, for writes and for the HTTP API's streamed reads. */
export const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** Artifacts the HTTP API serves, by their public name. */
export const PUBLIC_ARTIFACTS: Record<string, Artifact> = {
  manifest: 'manifest',
  transcript: 'transcript',
  health: 'health',
  fhir: 'fhir',
  'fhir-ta4h': 'fhirTa4h',
  note: 'note',
  'note.md': 'noteMarkdown',
  report: 'report',
};

/** Blob ids are `enc-` + hex: anything else is refused before it reaches storage. */
export const ENCOUNTER_ID = ENCOUNTER_ID_PATTERN;
export const isEncounterId = (value: string): boolean => ENCOUNTER_ID.test(value);

/** The reference of an artifact (no etag: the latest version). */
export function artifactRef(encounterId: string, artifact: Artifact): BlobRef {
  return { container: Containers.encounters, name: `${encounterId}/${ARTIFACT_FILES[artifact]}` };
}

/** Intermediate blobs: chunk plan and per-chunk partial analyses. */
export function chunkPlanRef(encounterId: string): BlobRef {
  return { container: Containers.encounters, name: `${encounterId}/work/chunks.json` };
}
export function partialRef(encounterId: string, index: number): BlobRef {
  return { container: Containers.encounters, name: `${encounterId}/work/health-${index}.json` };
}

export function contentTypeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
