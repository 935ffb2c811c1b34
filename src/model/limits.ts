/**
 * Per-encounter resource limits. Far above any real encounter (a 3-hour visit is ~200,000 characters and a few
 * thousand entities), they stop a small hostile upload — 10 MB of one repeated word — from fanning out into
 * millions of entities and gigabytes of memory (issue 10 item 2). Exceeding one is a non-retriable `TooLarge`.
 */
export const ENCOUNTER_LIMITS = {
  /** Characters of transcript text (all segments). */
  maxTranscriptChars: 1_000_000,
  /** Bytes of a txt or vtt document (UTF-8; its text is then held to maxTranscriptChars). */
  maxTextDocumentBytes: 4 * 1024 * 1024,
  /** Chunks of the health fan-out. */
  maxChunks: 400,
  /** Health entities of the whole encounter. */
  maxEntities: 50_000,
} as const;
