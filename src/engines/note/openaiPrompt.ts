import { z } from 'zod';

import type { HealthAnalysis } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import type { TemplateSchema } from './templates';

/** The structured answer we ask for: sections of sentences, each citing segment ids. */
export function answerSchema(template: TemplateSchema) {
  const ids = template.sections.map((s) => s.id) as [string, ...string[]];
  return z.object({
    sections: z.array(
      z.object({
        id: z.enum(ids),
        sentences: z.array(z.object({ text: z.string().min(1), evidence: z.array(z.string()).min(1) })),
      }),
    ),
  });
}
export type Answer = z.infer<ReturnType<typeof answerSchema>>;

/** One transcript line per segment: `[s3] patient: …`. */
export const segmentLine = (s: Transcript['segments'][number]): string => `[${s.id}] ${s.role}: ${s.text}`;

/**
 * Splits the transcript lines into chunks of at most `maxChars` (whole segments only: a segment longer than the
 * limit is a chunk on its own). Nothing is dropped or cut.
 */
export function chunkLines(lines: string[], maxChars: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (current.length > 0 && size + line.length + 1 > maxChars) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Compact entity hints for the segments in a chunk (assertions matter: negated findings must stay negated). */
export function entityHints(analysis: HealthAnalysis, segmentIds: Set<string>): string {
  return analysis.entities
    .filter((e) => segmentIds.has(e.segmentId))
    .map((e) => {
      const a = Object.entries(e.assertion)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return `- ${e.segmentId} ${e.category}: ${e.normalizedText ?? e.text}${a ? ` (${a})` : ''}`;
    })
    .join('\n');
}

/** System instructions for a template. */
export function systemPrompt(template: TemplateSchema): string {
  const sections = template.sections.map((s) => `- ${s.id} (${s.title}): ${s.guidance}`).join('\n');
  return [
    `You write the ${template.title} for a clinical encounter from its diarized transcript.`,
    'Rules: use only facts stated in the transcript; write plain, correct clinical prose in the third person;',
    'a finding the patient denies is written as denied, never as present; conditions of relatives are family history',
    'naming the relative; questions nobody answered are not facts. Every sentence lists in `evidence` the ids of the',
    'transcript segments (the [sN] tags) its facts come from. Leave a section empty rather than guess.',
    "Write what clinicians write: the history from the patient's turns (onset, duration, site and side, quality,",
    'severity, timing, modifiers, associated symptoms), the examination only from what the clinician dictated,',
    "results with their values and dates, and the assessment and plan by problem: the clinician's impression with",
    'its stated certainty, then its orders, medications, referrals, education and follow-up interval. A plan the',
    'patient declined is written as declined; a procedure already done is history, not plan. Where you cannot tell',
    "who has a condition, whether it is present, or when, use the speaker's own words or leave it out.",
    'Each sentence is checked against its evidence (entities with the same assertion, subject and time, numbers,',
    'the right speaker); sentences that fail are flagged for the clinician.',
    `Sections (use these ids):\n${sections}`,
  ].join('\n');
}

/** The user message for one chunk (or the whole transcript). */
export function chunkPrompt(lines: string[], hints: string, part?: { index: number; count: number }): string {
  const header = part
    ? `Part ${part.index + 1} of ${part.count} of the transcript (write the note for this part only).`
    : 'Transcript:';
  return `${header}\n${lines.join('\n')}\n\nClinical entities found in these segments:\n${hints || '(none)'}`;
}

/** The user message that merges partial notes into one. */
export function reducePrompt(partials: Answer[]): string {
  return [
    'Merge these partial notes of consecutive parts of one encounter into a single note with the same section ids.',
    'Combine repeated facts, keep every evidence id that supports a sentence, add no new facts.',
    JSON.stringify(partials),
  ].join('\n');
}
