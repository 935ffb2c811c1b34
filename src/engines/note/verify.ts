import type { Entity, HealthAnalysis } from '../../model/health';
import type { Note, NoteFlag, NoteSentence } from '../../model/note';
import type { Segment, Transcript } from '../../model/transcript';
import { digitize } from '../facts/digitize';
import type { Lexicon } from '../health/local/lexicon';
import { loadLexicon } from '../health/local/loadLexicon';
import { termKey } from '../health/local/tokenize';
import { type Claim, numbersIn, pairsIn, readClaims, stanceOf } from './claims';

/** Sections whose findings must come from the clinician's examination. */
const EXAM_SECTIONS = new Set(['objective', 'exam', 'physical-exam']);
/** Sentences that put words in the patient's mouth must cite something a non-clinician said. */
const PATIENT_CLAIM =
  /\b(patient|he|she|they)\s+(reports|denies|describes|complains|endorses|states|notes|is unsure)\b/i;
const FINDINGS = new Set(['SymptomOrSign', 'Diagnosis']);
/** An allergy claim needs the evidence to speak of an allergy or a reaction, not just to name the substance. */
const ALLERGY_CLAIM = /\ballerg/i;
const ALLERGY_EVIDENCE =
  /\b(allerg(y|ies|ic)|react\w*|break(s)? out|broke out|hives|anaphyla\w*|intoleran\w*|swell\w* up|rash)\b/i;

interface Evidence {
  segments: Segment[];
  entities: Entity[];
  words: string[];
  numbers: Set<number>;
  pairs: Set<string>;
  /** Pairs said with "over" or a slash: what a blood pressure may rest on. */
  pressures: Set<string>;
}

const codesOf = (e: Entity): Set<string> => new Set(e.codes.map((c) => `${c.system}|${c.code}`));
const key = (text: string | undefined): string => (text ? termKey(text).join(' ') : '');

/** The evidence entities that mention the same concept as a claim (shared code, or same words). */
function sameConcept(claim: Claim, entities: Entity[]): Entity[] {
  const codes = codesOf(claim.entity);
  const names = new Set([key(claim.entity.text), key(claim.entity.normalizedText)].filter(Boolean));
  return entities.filter(
    (e) => [...codesOf(e)].some((c) => codes.has(c)) || names.has(key(e.text)) || names.has(key(e.normalizedText)),
  );
}

/**
 * True when the claim's words occur, in order, in the evidence text (an entity the analysis did not tag), or its
 * head word does up to its ending ("former smoker" for "quit smoking", "allergy to peanut" for "peanuts").
 */
function saidLiterally(claim: Claim, words: string[]): boolean {
  const needle = termKey(claim.entity.text);
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= words.length; i++) if (needle.every((w, j) => words[i + j] === w)) return true;
  const head = needle[needle.length - 1]!;
  const stem = head.slice(0, Math.max(4, head.length - 3));
  return head.length >= 4 && words.some((w) => w.startsWith(stem));
}

function assertionFlags(claim: Claim, matches: Entity[], name: string): NoteFlag[] {
  const flags: NoteFlag[] = [];
  const stances = new Set(matches.map(stanceOf));
  const said = [...stances].join('/');
  const onlyAbsent = stances.size === 1 && stances.has('absent');
  if (!stances.has(claim.stance)) {
    // Saying less (possible for present) is allowed; saying the opposite or saying more is not.
    if (claim.stance === 'absent' || (onlyAbsent && claim.stance !== 'hypothetical'))
      flags.push({ code: 'negation-flip', detail: `${name}: written as ${claim.stance}, the evidence says ${said}` });
    else if (claim.stance === 'present')
      flags.push({ code: 'certainty-mismatch', detail: `${name}: written as present, the evidence says ${said}` });
  }
  const subjects = new Set(matches.map((e) => (e.assertion.association === 'other' ? 'other' : 'patient')));
  if (!subjects.has(claim.subject))
    flags.push({
      code: 'wrong-subject',
      detail: `${name}: written about ${claim.subject === 'other' ? 'someone else' : 'the patient'}, the evidence is about ${claim.subject === 'other' ? 'the patient' : 'someone else'}`,
    });
  const times = new Set(matches.map((e) => e.assertion.temporal ?? 'current'));
  const opposite = claim.time === 'future' ? 'past' : claim.time === 'past' ? 'future' : undefined;
  if (opposite && !times.has(claim.time) && times.size === 1 && times.has(opposite))
    flags.push({ code: 'wrong-time', detail: `${name}: written as ${claim.time}, the evidence says ${opposite}` });
  return flags;
}

/** The "a/b" pairs of a note sentence, each marked when it is written as a blood pressure. */
function statedPairs(text: string): Array<{ pair: string; pressure: boolean }> {
  const written = digitize(text);
  return [...written.matchAll(/\b(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\b/g)].map((m) => {
    const before = written.slice(0, m.index).slice(-30);
    const after = written.slice(m.index + m[0].length, m.index + m[0].length + 8);
    return { pair: `${m[1]}/${m[2]}`, pressure: /pressure|\bbp\b/i.test(before) || /mm ?hg/i.test(after) };
  });
}

function checkSentence(sentence: NoteSentence, sectionId: string, ev: Evidence, lexicon: Lexicon): NoteFlag[] {
  const flags: NoteFlag[] = [];
  const patientClaim = PATIENT_CLAIM.test(sentence.text);
  if (patientClaim && ev.segments.every((s) => s.role === 'clinician'))
    flags.push({ code: 'wrong-speaker', detail: 'reported by the patient, but every cited segment is the clinician' });
  if (ALLERGY_CLAIM.test(sentence.text) && !ev.segments.some((s) => ALLERGY_EVIDENCE.test(s.text)))
    flags.push({ code: 'unsupported-entity', detail: 'allergy: the cited segments speak of no allergy or reaction' });
  for (const claim of readClaims(sentence.text, lexicon)) {
    if (ALLERGY_CLAIM.test(claim.entity.text)) continue; // the word "allergy" itself: checked above
    const name = claim.entity.text.toLowerCase();
    const matches = sameConcept(claim, ev.entities);
    if (matches.length === 0) {
      if (!saidLiterally(claim, ev.words))
        flags.push({ code: 'unsupported-entity', detail: `${name}: not in the cited segments` });
      continue;
    }
    flags.push(...assertionFlags(claim, matches, name));
    const role = (e: Entity) => ev.segments.find((s) => s.id === e.segmentId)?.role;
    if (
      EXAM_SECTIONS.has(sectionId) &&
      FINDINGS.has(claim.entity.category) &&
      !matches.some((e) => role(e) === 'clinician')
    )
      flags.push({ code: 'wrong-speaker', detail: `${name}: an examination finding the clinician did not state` });
  }
  for (const n of new Set(numbersIn(sentence.text)))
    if (!ev.numbers.has(n)) flags.push({ code: 'number-mismatch', detail: `${n}: not in the cited segments` });
  // Both numbers of a blood pressure or a grade may be in the evidence and still not as this pair (20/70).
  for (const { pair, pressure } of statedPairs(sentence.text))
    if (!(pressure ? ev.pressures : ev.pairs).has(pair) && !flags.some((f) => f.code === 'number-mismatch'))
      flags.push({ code: 'number-mismatch', detail: `${pair}: not said as a pair in the cited segments` });
  return flags;
}

function evidenceOf(ids: string[], transcript: Transcript, bySegment: Map<string, Entity[]>): Evidence {
  const wanted = new Set(ids);
  const segments = transcript.segments.filter((s) => wanted.has(s.id));
  const entities = segments.flatMap((s) => bySegment.get(s.id) ?? []);
  const text = segments.map((s) => s.text).join(' \n ');
  const numbers = new Set([
    ...numbersIn(text),
    ...entities.flatMap((e) => (e.normalizedText ? numbersIn(e.normalizedText) : [])),
  ]);
  // Pairs come from the words only: the analysis's own reading of them is what may be wrong (20/70 for "one
  // seventy over, I'm sorry, one twenty over seventy").
  const pairs = new Set(segments.flatMap((s) => [...pairsIn(s.text)]));
  const pressures = new Set(segments.flatMap((s) => [...pairsIn(s.text, true)]));
  return { segments, entities, words: termKey(text), numbers, pairs, pressures };
}

/**
 * The faithfulness check, for a note from any engine: each sentence's clinical entities must be in its evidence
 * segments with the same assertion (certainty, subject, time), its numbers must be there, and a patient report or
 * an examination finding must come from the right speaker. Returns the note with `flags` set on each failing
 * sentence (and removed from passing ones); nothing is dropped.
 */
export function verifyNote(
  note: Note,
  transcript: Transcript,
  analysis: HealthAnalysis,
  lexicon: Lexicon = loadLexicon(),
): Note {
  const bySegment = new Map<string, Entity[]>();
  for (const e of analysis.entities) bySegment.set(e.segmentId, [...(bySegment.get(e.segmentId) ?? []), e]);
  const sections = note.sections.map((section) => ({
    ...section,
    sentences: section.sentences.map((previous) => {
      // Keep any other field of the sentence (e.g. who edited it); only the flags are recomputed.
      const sentence: NoteSentence = { ...previous };
      delete sentence.flags;
      const flags = checkSentence(sentence, section.id, evidenceOf(sentence.evidence, transcript, bySegment), lexicon);
      return flags.length > 0 ? { ...sentence, flags } : sentence;
    }),
  }));
  return { ...note, sections };
}
