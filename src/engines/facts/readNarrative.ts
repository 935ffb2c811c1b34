import type { DialogueClause } from '../../model/dialogue';
import type { Transcript } from '../../model/transcript';
import { analyzeText } from '../health/local/analyzeText';
import { readDialogue } from '../health/local/dialogue';
import type { Lexicon } from '../health/local/lexicon';
import { loadLexicon } from '../health/local/loadLexicon';
import { cleanSentence, detokenize, splitUtterance } from './cleanUtterance';
import { digitize } from './digitize';
import { ASSESSMENT, ASSISTANT, EXAM, FRAGMENT, INTRO, PLAN, PROCEDURE, RECAP, RESULTS } from './narrativeCues';
import { pronounsFor, toThirdPerson } from './thirdPerson';

/** Where a sentence of the visit belongs in the note. */
export type NarrativeKind = 'complaint' | 'intro' | 'hpi' | 'exam' | 'results' | 'assessment' | 'plan';

/** "… who presents today for follow-up of his chronic problems" → "follow-up of his chronic problems". */
const REASON =
  /\b(?:presents?|presenting|is here|here)(?: today| in clinic| in the office)? (?:for|with) (?:an? |the )?(.+?)(?:[,.;]|\bwho\b|$)/i;

/** One sentence of the visit in note wording (the speaker's own words, third person), with its segment. */
export interface NarrativeFact {
  kind: NarrativeKind;
  text: string;
  evidence: string[];
}

/** A question, punctuated or not (recognizer output has no "?"): it states nothing. */
const QUESTION =
  /\?$|^(do|does|did|are|is|have|has|any|anything|how|what|when|where|why|which|who|can|could|would|will|were|was|should|tell me)\b|\b(do|did|are|have|can|could|would) you\b/i;

const CLINICAL = new Set([
  'SymptomOrSign',
  'Diagnosis',
  'MedicationName',
  'MedicationClass',
  'TreatmentName',
  'ExaminationName',
  'Allergen',
  'BodyStructure',
  'SubstanceUse',
]);
const DETAIL = new Set(['Time', 'MeasurementValue', 'Dosage', 'Frequency', 'Course', 'ConditionScale']);

/** he/she when the clinician's third-person words say so consistently, else undefined. */
export function inferGender(transcript: Transcript): 'male' | 'female' | undefined {
  const text = transcript.segments
    .filter((s) => s.role === 'clinician')
    .map((s) => s.text.toLowerCase())
    .join(' ');
  const count = (p: RegExp) => (text.match(p) ?? []).length;
  // "a 45 year old male" is decisive on its own; pronouns need company (they may be about a relative).
  const male = 2 * count(/\b(male|man|gentleman|mr)\b/g) + count(/\b(he|his|him)\b/g);
  const female = 2 * count(/\b(female|woman|lady|mrs|ms|miss)\b/g) + count(/\b(she|her|hers)\b/g);
  if (male >= 2 && male >= 3 * female) return 'male';
  if (female >= 2 && female >= 3 * male) return 'female';
  return undefined;
}

/** The note section a clause feeds, from its dialogue act (issue 11's dialogue layer) and its content. */
function kindOf(clause: DialogueClause, text: string, clinical: boolean, detail: boolean): NarrativeKind | undefined {
  switch (clause.act) {
    case 'question':
    case 'small-talk':
    case 'explanation': // education and generic risk are not facts about this patient
      return undefined;
    case 'history-recap':
      return INTRO.test(text) ? 'intro' : clinical || detail ? 'hpi' : undefined;
    case 'exam-dictation':
      return 'exam';
    case 'result-report':
      return 'results';
    case 'plan':
    case 'safety-net':
      return 'plan';
    case 'answer':
    case 'statement':
      break;
  }
  if (clause.role === 'patient') return clinical || detail ? 'hpi' : undefined;
  if (clause.role !== 'clinician') return undefined;
  if (INTRO.test(text)) return 'intro';
  if (RECAP.test(text) && clinical) return 'hpi';
  if (PLAN.test(text)) return 'plan';
  if (RESULTS.test(text) && (clinical || detail)) return 'results';
  if (ASSESSMENT.test(text) && clinical) return 'assessment';
  if (EXAM.test(text)) return 'exam';
  return undefined;
}

/**
 * The visit's sentences that a note is written from: the patient's reports (HPI), the clinician's dictated
 * summary, recaps, examination, results, impressions and plans. Questions, small talk and sentences with nothing
 * clinical produce nothing; what is kept is the speaker's own cleaned words, never a paraphrase.
 */
export function readNarrative(transcript: Transcript, lexicon: Lexicon = loadLexicon()): NarrativeFact[] {
  const pronouns = pronounsFor(inferGender(transcript));
  // When the patient never speaks (a child, with a parent), the clinician's "you" is the parent.
  const addressee = transcript.segments.some((s) => s.role === 'patient') ? 'patient' : 'other';
  const texts = new Map(transcript.segments.map((s) => [s.id, s.text]));
  // Consecutive clauses of one segment that feed the same section are written as one sentence.
  const runs: Array<{ kind: NarrativeKind; clause: DialogueClause; end: number }> = [];
  for (const clause of readDialogue(transcript)) {
    if (clause.role === 'other' || ASSISTANT.test(clause.text)) continue;
    const sentence = cleanSentence(detokenize(clause.text));
    if (!sentence || QUESTION.test(sentence)) continue;
    const { entities } = analyzeText(sentence, lexicon, () => clause.segmentId);
    const clinical = entities.some((e) => CLINICAL.has(e.category));
    const detail = entities.some((e) => DETAIL.has(e.category)) || /\d/.test(sentence);
    const kind = kindOf(clause, sentence, clinical, detail);
    const last = runs[runs.length - 1];
    if (kind && last && last.kind === kind && last.clause.segmentId === clause.segmentId)
      last.end = clause.offset + clause.length;
    else if (kind) runs.push({ kind, clause, end: clause.offset + clause.length });
  }
  const facts: NarrativeFact[] = [];
  for (const run of runs) {
    const raw = (texts.get(run.clause.segmentId) ?? '').slice(run.clause.offset, run.end);
    for (const piece of splitUtterance(raw)) {
      const sentence = cleanSentence(piece);
      if (!sentence || sentence.split(/\s+/).length < 4) continue;
      if (QUESTION.test(sentence) || ASSISTANT.test(sentence) || PROCEDURE.test(sentence) || FRAGMENT.test(sentence))
        continue;
      const speaker = run.clause.role === 'clinician' ? 'clinician' : 'patient';
      const text = toThirdPerson(digitize(sentence), speaker, pronouns, addressee).replace(/([^.!?])$/, '$1.');
      facts.push({ kind: run.kind, text, evidence: [run.clause.segmentId] });
      const reason =
        run.kind === 'intro' &&
        !facts.some((f) => f.kind === 'complaint') &&
        REASON.exec(text)?.[1]?.replace(/^(his|her|their|the patient's)\s+/i, '');
      if (reason && reason.split(/\s+/).length <= 8)
        facts.push({
          kind: 'complaint',
          text: `${reason[0]!.toUpperCase()}${reason.slice(1)}.`,
          evidence: [run.clause.segmentId],
        });
    }
  }
  return facts;
}
