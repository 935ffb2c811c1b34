import type { DialogueAct } from '../../model/dialogue';
import type { Entity, HealthAnalysis } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import { transcriptText } from '../../model/transcriptText';
import { clauseActOf } from './clauseActs';

/** Words that make a sentence about possible harms, not about this patient's findings. */
const RISK = /\b(risks?|complications?|side effects?|can cause|could cause|may cause|chance of)\b/i;
/** A relative named nearby: "he also has autism" may be the son's, whatever ConText read. */
const RELATIVE =
  /\b(son|daughter|brother|sister|mother|mom|father|dad|wife|husband|child|children|kids?|grand\w+|aunt|uncle|cousin|niece|nephew|sibling|twin|family|friend|partner|boyfriend|girlfriend)s?\b/i;
/** "drinking" is alcohol only when the words say so (a toddler "drinking a lot better" is not). */
const ALCOHOL = /\b(alcohol|beer|wine|liquor|vodka|whiskey|drinks? (a|per) (day|week|night)|socially|drunk|etoh)\b/i;

/**
 * Guards that keep a paraphrase from saying something the visit did not: mentions inside questions, education
 * and talk about risks ("risk of stroke and death") are not findings, and a denial or a "not indicated" is not
 * written for a concept the visit elsewhere states as present ("surgery is the only option").
 */
export interface FactGuards {
  /** The mention is asked about, explained or listed as a risk: no clinical fact about the patient. */
  notAFinding(entity: Entity): boolean;
  /** The dialogue act of the mention's clause. */
  act(entity: Entity): DialogueAct | undefined;
  /** The mention's sentence states a condition ("if", "in case", "should"). */
  saysIf(entity: Entity): boolean;
  /** The mention is answered "no" right after it ("diarrhea? no", "diarrhea no"): a post-posed denial. */
  deniedAfter(entity: Entity): boolean;
  /** The speaker hedges before the mention in its sentence ("I thought it was just heartburn"). */
  hedged(entity: Entity): boolean;
  /** The words mean something else here: "drinking" fluids, "in the fall". */
  otherSense(entity: Entity): boolean;
  /** The concept (by code or words) is stated as present for the patient somewhere in the visit. */
  statedPresent(entity: Entity): boolean;
  /** A relative is named in the mention's sentence or the one before: whose finding it is cannot be settled. */
  nearRelative(entity: Entity): boolean;
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
  /** The mention's sentence and the one before it (lists of risks or relatives run over sentences). */
  const heads = new Set([...present].filter((k) => !k.includes('|')).map((k) => k.split(/\s+/).pop()!));
  const sentenceOf = (e: Entity): { before: string; window: string } => {
    const text = texts.get(e.segmentId) ?? '';
    const at = e.offset - (segmentStart.get(e.segmentId) ?? 0);
    const boundary = (end: number) => Math.max(...['.', '?', '!'].map((p) => text.lastIndexOf(p, end - 1)));
    const from = boundary(boundary(at) - 1) + 1;
    const ends = ['.', '?', '!'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
    return { before: text.slice(0, at), window: text.slice(from, ends.length > 0 ? Math.min(...ends) : text.length) };
  };
  return {
    notAFinding: (e) => {
      const act = actOf(e);
      return act === 'question' || act === 'explanation' || RISK.test(sentenceOf(e).window);
    },
    act: actOf,
    deniedAfter: (e) => {
      const text = texts.get(e.segmentId) ?? '';
      const end = e.offset - (segmentStart.get(e.segmentId) ?? 0) + e.length;
      return /^\s*[,?]?\s*(no|nope|nah|not really|none)\s*[.!,]?\s*$/i.test(text.slice(end));
    },
    hedged: (e) => {
      const { before } = sentenceOf(e);
      const sentence = before.slice(Math.max(...['.', '?', '!'].map((p) => before.lastIndexOf(p))) + 1);
      return /\b(thought|think|thinking|wonder(ed)?|guess(ed)?|maybe|probably|worried|afraid|not sure)\b/i.test(
        sentence,
      );
    },
    saysIf: (e) => /\b(if|in case|should|unless|when needed|as needed)\b/i.test(sentenceOf(e).window),
    otherSense: (e) => {
      const { before, window } = sentenceOf(e);
      // A fall is an event (its injury is the problem), or the season ("in the fall").
      return (
        (/^drink/i.test(e.text) && !ALCOHOL.test(window)) ||
        /^(fall|falls|fell|fallen)$/i.test(e.text) ||
        // "I'm just anxious about my lab work": a feeling, not an anxiety disorder.
        /^(anxious|nervous|worried|stressed|scared|upset)$/i.test(e.text) ||
        // "I want to check up on…": a verb, not an annual physical.
        (/^check[- ]?ups?$/i.test(e.text) && /\b(to|will|'ll)\s+$/i.test(before)) ||
        // a discharge summary, discharge instructions: the paperwork, not a secretion.
        (/discharge/i.test(e.text) && /discharge (summary|instructions|papers|paperwork|planning|date)/i.test(window))
      );
    },
    // A one-word concept ("pain") is present when any present mention ends with it ("knee pain"): a generic
    // denial in a visit about a specific pain cannot be settled.
    statedPresent: (e) =>
      keyOf(e).some((k) => present.has(k)) || (!/\s/.test(e.text.trim()) && heads.has(e.text.trim().toLowerCase())),
    nearRelative: (e) => RELATIVE.test(sentenceOf(e).window),
  };
}
