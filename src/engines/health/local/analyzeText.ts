import type { Entity, HealthAnalysis } from '../../../model/health';
import { allergyFrames } from './allergyFrames';
import type { PlacedClause } from './chunkDialogue';
import { assertSpan, findTriggers, splitSentences } from './context';
import { dialogueAssertion } from './dialogueAssertion';
import type { Lexicon } from './lexicon';
import type { Match } from './match';
import { matchLexicon } from './match';
import { readNumber } from './numbers';
import type { Placed } from './relations';
import { findRelations } from './relations';
import { dropSelfCorrected } from './selfCorrections';
import { createSoundAlike } from './soundAlike';
import { splitAtClauses } from './splitAtClauses';
import type { Token } from './tokenize';
import { tokenize } from './tokenize';

/** Categories that carry an assertion (the others — dosage, time, body site… — are modifiers). */
const ASSERTED = new Set([
  'SymptomOrSign',
  'Diagnosis',
  'MedicationName',
  'MedicationClass',
  'TreatmentName',
  'ExaminationName',
  'Allergen',
  'SubstanceUse',
  'GeneOrProtein',
]);
/** Pattern category whose number becomes a MeasurementValue and the rest a MeasurementUnit. */
export const VALUE_WITH_UNIT = 'MeasurementValueWithUnit';
/** Category of phrases matched only so that their words are not tagged ("come back" is no back). */
export const NOT_AN_ENTITY = '-';

const soundAlikes = new WeakMap<Lexicon, (tokens: Token[]) => Token[]>();
/** The lexicon's sound-alike re-speller, built once per lexicon. */
function soundAlikeFor(lexicon: Lexicon): (tokens: Token[]) => Token[] {
  let fn = soundAlikes.get(lexicon);
  if (!fn) soundAlikes.set(lexicon, (fn = createSoundAlike(lexicon)));
  return fn;
}
const formatNumber = (n: number): string => String(Math.round(n * 1000) / 1000);
const fill = (template: string, values: number[]): string =>
  template.replace(/\{(\d)\}/g, (_, i: string) => formatNumber(values[Number(i)] ?? NaN));

/**
 * Analyses one text: lexicon and pattern matching, ConText assertions per sentence, relations within a sentence.
 * With `clauses` (the text read as a conversation, see chunkDialogue) sentences are also cut at clause boundaries
 * and each assertion is adjusted by its clause's act (see dialogueAssertion).
 * Offsets are relative to `text`; `segmentId` is filled by the caller (here: the id passed for the whole text).
 */
export function analyzeText(
  text: string,
  lexicon: Lexicon,
  segmentOf: (offset: number) => string,
  clauses: readonly PlacedClause[] = [],
): Pick<HealthAnalysis, 'entities' | 'relations'> {
  const tokens = soundAlikeFor(lexicon)(tokenize(text));
  const sentences = splitAtClauses(splitSentences(text, tokens), tokens, clauses);
  const clauseAt = (offset: number): PlacedClause | undefined =>
    clauses.find((c) => offset >= c.start && offset < c.end);
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((s, n) => sentenceOf.fill(n, s.start, s.end));
  const triggersBySentence = sentences.map((s) => findTriggers(tokens, s));
  const placed: Placed[] = [];
  const add = (
    start: number,
    end: number,
    category: string,
    match: Match,
    normalizedText?: string,
    withCodes = true,
  ): void => {
    const first = tokens[start]!;
    const last = tokens[end - 1]!;
    const n = sentenceOf[start] ?? 0;
    const clause = clauseAt(first.start);
    const assertion = ASSERTED.has(category)
      ? dialogueAssertion(
          assertSpan(tokens, sentences[n]!, triggersBySentence[n]!, { start, end }),
          clause,
          clause ? text.slice(clause.start, clause.end) : '',
        )
      : {};
    const entity: Entity = {
      id: `e${placed.length + 1}`,
      text: text.slice(first.start, last.end),
      category,
      offset: first.start,
      length: last.end - first.start,
      segmentId: segmentOf(first.start),
      ...(normalizedText ? { normalizedText } : {}),
      assertion,
      codes: withCodes ? match.concept.codes : [],
      confidence: end - start > 1 ? 0.9 : 0.8,
      ...(clause ? { dialogueAct: clause.act } : {}),
    };
    placed.push({ entity, sentence: n });
  };
  for (const match of matchLexicon(tokens, lexicon)) {
    const { concept } = match;
    if (concept.category === NOT_AN_ENTITY) continue;
    if (concept.category === VALUE_WITH_UNIT) {
      const run = readNumber(tokens, match.start);
      const valueEnd = run?.end ?? match.start + 1;
      add(match.start, valueEnd, 'MeasurementValue', match, formatNumber(match.values[0] ?? NaN), false);
      if (valueEnd < match.end)
        add(valueEnd, match.end, 'MeasurementUnit', match, concept.display.replace('{0}', '').trim());
      continue;
    }
    const normalized = concept.normalized
      ? fill(concept.normalized, match.values)
      : concept.codes.length > 0
        ? (concept.plain ?? concept.display)
        : undefined;
    add(match.start, match.end, concept.category, match, normalized);
  }
  const framed = allergyFrames(
    dropSelfCorrected(placed, text),
    text,
    (n) => ({ start: tokens[sentences[n]!.start]!.start, end: tokens[sentences[n]!.end - 1]!.end }),
    clauseAt,
  );
  return {
    entities: framed.placed.map((p) => p.entity),
    relations: [...findRelations(framed.placed), ...framed.relations],
  };
}
