import type { Assertion } from '../../../model/health';
import { isQuestionSentence } from '../../../model/questions';
import type { Effect, TriggerRule } from './contextRules';
import { CLAUSE_END, EFFECT_TERMINATORS, TERMINATORS, TRIGGER_RULES } from './contextRules';
import type { Token } from './tokenize';
import { normalizeWord, termKey } from './tokenize';

interface TriggerNode {
  next: Map<string, TriggerNode>;
  rule?: TriggerRule;
}

/** A trigger found in a sentence, over tokens [start, end). */
export interface Trigger {
  start: number;
  end: number;
  rule: TriggerRule;
}

/**
 * A sentence as a token range; `question` when it ends with "?" or, in unpunctuated speech-recognizer output,
 * when it opens like a question (see isQuestionSentence).
 */
export interface Sentence {
  start: number;
  end: number;
  question: boolean;
}

const TRIGGERS: TriggerNode = { next: new Map() };
/** A phrase and, for a contraction, its tokenized spelling ("don't" → "do n't", "can't" → "ca n't"). */
const spellings = (phrase: string): string[] =>
  /n't\b/.test(phrase)
    ? [phrase, phrase.replace(/\b(can|won)'t\b/g, (w) => `${w.slice(0, 2)} n't`).replace(/(\w)n't\b/g, "$1 n't")]
    : [phrase];
for (const rule of TRIGGER_RULES) {
  for (const phrase of rule.phrases.flatMap(spellings)) {
    let node = TRIGGERS;
    for (const word of termKey(phrase.replace(/\//g, ' '))) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map() }));
      node = child;
    }
    node.rule ??= rule;
  }
}
const norm = (set: Set<string>): Set<string> =>
  new Set([...set].map((w) => (/^\p{L}/u.test(w) ? normalizeWord(w) : w)));
const GLOBAL_TERMINATORS = norm(TERMINATORS);
const KIND_TERMINATORS = Object.fromEntries(Object.entries(EFFECT_TERMINATORS).map(([k, v]) => [k, norm(v)])) as Record<
  string,
  Set<string>
>;
const FILLERS = new Set(['um', 'uh', 'er', 'erm', 'ah', 'hmm']);
const IF_WORDS = new Set(['if', 'unless', 'in case', 'should you', 'in case of']);
// Not "no": in conversation "No." is an answer, not an abbreviation of "number".
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'vs', 'st', 'e.g', 'i.e', 'approx']);

/** Splits tokens into sentences at . ? ! and line breaks (decimals and common abbreviations kept whole). */
export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const newline = next !== undefined && text.slice(t.end, next.start).includes('\n');
    const stop =
      t.kind === 'punct' &&
      (t.raw === '?' || t.raw === '!' || (t.raw === '.' && !ABBREVIATIONS.has(tokens[i - 1]?.norm ?? '')));
    if (stop || newline || !next) {
      const question = isQuestionSentence(text.slice(tokens[start]!.start, t.end));
      sentences.push({ start, end: i + 1, question });
      start = i + 1;
    }
  }
  return sentences;
}

/** Finds triggers in a sentence, longest phrase first, left to right. */
export function findTriggers(tokens: readonly Token[], sentence: Sentence): Trigger[] {
  const found: Trigger[] = [];
  let i = sentence.start;
  while (i < sentence.end) {
    let node: TriggerNode | undefined = TRIGGERS;
    let best: Trigger | undefined;
    for (let j = i; j < sentence.end && node; j++) {
      const t = tokens[j]!;
      if (t.kind === 'punct' && t.raw !== '/') {
        if (t.raw === "'" || t.raw === '’') continue;
        break;
      }
      node = t.raw === '/' ? node : node.next.get(t.norm);
      if (node?.rule) best = { start: i, end: j + 1, rule: node.rule };
    }
    // "No," answers a question; it negates nothing after it.
    // (but "there's no, um, fracture" is a negation with a filler).
    if (
      best &&
      tokens[best.end]?.raw === ',' &&
      'certainty' in best.rule.effect &&
      !FILLERS.has(tokens[best.end + 1]?.norm ?? '')
    )
      best = undefined;
    // "Has anyone … had": a perfect tense, not a past event.
    if (
      best &&
      tokens[best.start]?.norm === 'had' &&
      best.end - best.start === 1 &&
      hasPerfectAuxiliary(tokens, sentence.start, best.start)
    )
      best = undefined;
    if (best) {
      found.push(best);
      i = best.end;
    } else i++;
  }
  return found;
}

const kindOf = (effect: Effect): keyof Assertion | 'pseudo' => Object.keys(effect)[0] as keyof Assertion | 'pseudo';

function inScope(
  tokens: readonly Token[],
  trigger: Trigger,
  covered: Set<number>,
  span: { start: number; end: number },
): boolean {
  const kind = kindOf(trigger.rule.effect);
  const forward = trigger.end <= span.start;
  if (!forward && trigger.start < span.end) return false;
  if (forward ? trigger.rule.direction === 'backward' : trigger.rule.direction === 'forward') return false;
  const [from, to] = forward ? [trigger.end, span.start] : [span.end, trigger.start];
  const kindTerms = trigger.rule.clausal ? new Set<string>() : (KIND_TERMINATORS[kind] ?? new Set<string>());
  let wordsBetween = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (covered.has(k)) continue;
    if (GLOBAL_TERMINATORS.has(t.norm) || kindTerms.has(t.norm)) return false;
    if (kind === 'conditionality' && !trigger.rule.clausal && CLAUSE_END.has(t.norm)) return false;
    if (t.kind !== 'punct') wordsBetween++;
  }
  return wordsBetween <= (trigger.rule.window ?? 10);
}

/** The assertion of the concept over tokens `span` in `sentence`, the nearest trigger of each kind winning. */
export function assertSpan(
  tokens: readonly Token[],
  sentence: Sentence,
  triggers: readonly Trigger[],
  span: { start: number; end: number },
): Assertion {
  const covered = coveredBy(triggers);
  const nearest = new Map<string, { distance: number; effect: Effect }>();
  for (const trigger of triggers) {
    if ('pseudo' in trigger.rule.effect || !inScope(tokens, trigger, covered, span)) continue;
    const kind = kindOf(trigger.rule.effect);
    const distance = trigger.end <= span.start ? span.start - trigger.end : trigger.start - span.end;
    const prev = nearest.get(kind);
    if (!prev || distance < prev.distance) nearest.set(kind, { distance, effect: trigger.rule.effect });
  }
  const assertion: Assertion = {};
  for (const { effect } of nearest.values()) Object.assign(assertion, effect);
  // After "if …," the main clause holds only on that condition.
  if (!assertion.conditionality && isAfterIfClause(tokens, sentence, triggers, span))
    assertion.conditionality = 'conditional';
  if (!assertion.certainty && sentence.question) assertion.certainty = 'neutralPossible';
  return assertion;
}

const coveredCache = new WeakMap<readonly Trigger[], Set<number>>();
/** Token indices inside trigger phrases (cached per sentence's trigger list). */
function coveredBy(triggers: readonly Trigger[]): Set<number> {
  let covered = coveredCache.get(triggers);
  if (!covered) {
    covered = new Set<number>();
    for (const t of triggers) for (let k = t.start; k < t.end; k++) covered.add(k);
    coveredCache.set(triggers, covered);
  }
  return covered;
}

function isAfterIfClause(
  tokens: readonly Token[],
  sentence: Sentence,
  triggers: readonly Trigger[],
  span: { start: number; end: number },
): boolean {
  const ifTrigger = triggers.find(
    (t) =>
      t.end <= span.start &&
      IF_WORDS.has(
        tokens
          .slice(t.start, t.end)
          .map((x) => x.norm)
          .join(' '),
      ),
  );
  if (!ifTrigger || ifTrigger.start !== sentence.start) return false;
  for (let k = ifTrigger.end; k < span.start; k++) if (CLAUSE_END.has(tokens[k]!.norm)) return true;
  return false;
}

function hasPerfectAuxiliary(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (['have', 'has', 'hav'].includes(tokens[k]!.norm)) return true;
  return false;
}
