/** Every orchestrator and activity name, in one place: no string literals at registration or call sites. */
export const OrchestratorNames = {
  encounterPipeline: 'encounterPipeline',
} as const;

export const ActivityNames = {
  transcribe: 'transcribe',
  pollTranscription: 'pollTranscription',
  extractDocument: 'extractDocument',
  planChunks: 'planChunks',
  analyzeHealth: 'analyzeHealth',
  pollHealth: 'pollHealth',
  mergeHealth: 'mergeHealth',
  buildFhir: 'buildFhir',
  writeNote: 'writeNote',
  exportFhir: 'exportFhir',
  finalize: 'finalize',
  recordFailure: 'recordFailure',
  recordStatus: 'recordStatus',
  approveNote: 'approveNote',
} as const;

/** The status activity of each kind of long service job. */
export const PollActivityNames = {
  speechBatch: ActivityNames.pollTranscription,
  ta4h: ActivityNames.pollHealth,
} as const;

export const EventNames = {
  review: 'review',
} as const;

/** Blob containers. */
export const Containers = {
  uploads: 'uploads',
  encounters: 'encounters',
} as const;
