/** Every orchestrator and activity name, in one place: no string literals at registration or call sites. */
export const OrchestratorNames = {
  encounterPipeline: 'encounterPipeline',
} as const;

export const ActivityNames = {
  transcribe: 'transcribe',
  extractDocument: 'extractDocument',
  planChunks: 'planChunks',
  analyzeHealth: 'analyzeHealth',
  mergeHealth: 'mergeHealth',
  buildFhir: 'buildFhir',
  writeNote: 'writeNote',
  exportFhir: 'exportFhir',
  finalize: 'finalize',
  recordFailure: 'recordFailure',
  recordStatus: 'recordStatus',
  approveNote: 'approveNote',
} as const;

export const EventNames = {
  review: 'review',
} as const;

/** Blob containers. */
export const Containers = {
  uploads: 'uploads',
  encounters: 'encounters',
} as const;
