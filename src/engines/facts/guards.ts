import type { Entity, HealthAnalysis } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import { transcriptText } from '../../model/transcriptText';
import { clauseActOf } from './clauseActs';

/** Words that make a sentence about possible harms, not about this patient's findings. */
const RISK = /\b(risks?|complications?|side effects?|can cause|could cause|may cause|chance of)\b/i;

/**
 * Guards that keep a paraphrase from saying something the visit did not: mentions inside questions, education
 * and talk about risks ("risk of stroke and death") are not findings, and a denial or a "not indicated" is not
 * written for a concept the visit elsewhere states as present ("surgery is the only option").
 */
export interface FactGuards {
  /** The mention is asked about, explained or listed as a risk: no clinical fact about the patient. */
  notAFinding(entity: Entity): boolean;
  /** The concept (by code or words) is stated as present for the patient somewhere in the visit. */
  statedPresent(entity: Entity): boolean;
}

const keyOf = (e: Entity): string[] => [
  e.text.toLowerCase(),
  ...(e.normalizedText ? [e.normalizedText.toLowerCase()] : []),
  ...e.codes.map((c) => `${c.system}|${c.code}`),
];

/** The guards for one visit. */
export function createFactGuards(transcript: Transcript, analysis: HealthAnalysis): FactGuards {
  const actOf = clauseActOf(transcript);
  const { spans } = transcriptText(transcript);
  const segmentStart = new Map(spans.map((s) => [s.id, s.offset]));
  const texts = new Map(transcript.segments.map((s) => [s.id, s.text]));
  const present = new Set(
    analysis.entities
      .filter(
        (e) =>
          (e.assertion.certainty ?? 'positive') === 'positive' &&
          !e.assertion.conditionality &&
          e.assertion.association !== 'other' &&
          actOf(e) !== 'question' &&
          actOf(e) !== 'explanation',
      )
      .flatMap(keyOf),
  );
  const sentenceOf = (e: Entity): string => {
    const text = texts.get(e.segmentId) ?? '';
    const at = e.offset - (segmentStart.get(e.segmentId) ?? 0);
    const from = Math.max(...['.', '?', '!'].map((p) => text.lastIndexOf(p, at - 1))) + 1;
    const ends = ['.', '?', '!'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
    return text.slice(from, ends.length > 0 ? Math.min(...ends) : text.length);
  };
  return {
    notAFinding: (e) => {
      const act = actOf(e);
      return act === 'question' || act === 'explanation' || RISK.test(sentenceOf(e));
    },
    statedPresent: (e) => keyOf(e).some((k) => present.has(k)),
  };
}
