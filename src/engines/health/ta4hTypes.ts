/** Wire shapes of the Language service `analyze-text/jobs` API (api-version 2024-11-01), Healthcare task only. */

export const TA4H_API_VERSION = '2024-11-01';

export interface Ta4hDocument {
  id: string;
  language: string;
  text: string;
}

export interface Ta4hJobInput {
  displayName?: string;
  analysisInput: { documents: Ta4hDocument[] };
  tasks: {
    kind: 'Healthcare';
    taskName?: string;
    parameters: {
      modelVersion: string;
      stringIndexType: 'Utf16CodeUnit';
      fhirVersion: '4.0.1';
      loggingOptOut?: boolean;
    };
  }[];
}

export interface Ta4hEntity {
  offset: number;
  length: number;
  text: string;
  category: string;
  subcategory?: string;
  confidenceScore: number;
  name?: string;
  assertion?: { certainty?: string; conditionality?: string; association?: string; temporality?: string };
  links?: { dataSource: string; id: string }[];
}

export interface Ta4hRelation {
  relationType: string;
  confidenceScore?: number;
  entities: { ref: string; role: string }[];
}

export interface Ta4hDocumentResult {
  id: string;
  warnings?: { code: string; message: string }[];
  entities: Ta4hEntity[];
  relations: Ta4hRelation[];
  fhirBundle?: Record<string, unknown>;
}

export interface Ta4hError {
  code: string;
  message: string;
  innererror?: { code?: string; message?: string };
}

export interface Ta4hResults {
  modelVersion: string;
  documents: Ta4hDocumentResult[];
  errors: { id: string; error: Ta4hError }[];
}

export type Ta4hJobStatus =
  'notStarted' | 'running' | 'succeeded' | 'partiallyCompleted' | 'failed' | 'cancelled' | 'cancelling';

export interface Ta4hJobState {
  jobId: string;
  status: Ta4hJobStatus;
  errors?: Ta4hError[];
  tasks?: {
    completed: number;
    failed: number;
    inProgress: number;
    total: number;
    items?: { kind: string; taskName?: string; status: string; results?: Ta4hResults }[];
  };
}
