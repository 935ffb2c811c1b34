import type { Transcript } from '../../model/transcript';
import { analyzeText } from '../health/local/analyzeText';
import type { Lexicon } from '../health/local/lexicon';
import { loadLexicon } from '../health/local/loadLexicon';
import { cleanSentence, splitUtterance } from './cleanUtterance';
import { ASSESSMENT, ASSISTANT, EXAM, INTRO, PLAN, RECAP, RESULTS } from './narrativeCues';
import { pronounsFor, toThirdPerson } from './thirdPerson';

/** Where a sentence of the visit belongs in the note. */
export type NarrativeKind = 'intro' | 'hpi' | 'exam' | 'results' | 'assessment' | 'plan';

/** One sentence of the visit in note wording (the speaker's own words, third person), with its segment. */
export interface NarrativeFact {
  kind: NarrativeKind;
  text: string;
  evidence: string[];
  /** Diagnoses the sentence names as the patient's, present and unhedged (problem headings in the plan). */
  problems: string[];
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
  const male = count(/\b(male|man|gentleman|mr|he|his|him)\b/g);
  const female = count(/\b(female|woman|lady|mrs|ms|miss|she|her|hers)\b/g);
  if (male >= 2 && male >= 3 * female) return 'male';
  if (female >= 2 && female >= 3 * male) return 'female';
  return undefined;
}

function kindOf(sentence: string, role: string, clinical: boolean, detail: boolean): NarrativeKind | undefined {
  if (role === 'clinician') {
    if (INTRO.test(sentence) && !/\?$/.test(sentence)) return 'intro';
    if (RECAP.test(sentence) && clinical) return 'hpi';
    if (PLAN.test(sentence)) return 'plan';
    if (RESULTS.test(sentence) && (clinical || detail)) return 'results';
    if (EXAM.test(sentence)) return 'exam';
    if (ASSESSMENT.test(sentence) && clinical) return 'assessment';
    return undefined;
  }
  if (role === 'patient' && (clinical || detail)) return 'hpi';
  return undefined;
}

/**
 * The visit's sentences that a note is written from: the patient's reports (HPI), the clinician's dictated
 * summary, recaps, examination, results, impressions and plans. Questions, small talk and sentences with nothing
 * clinical produce nothing; what is kept is the speaker's own cleaned words, never a paraphrase.
 */
export function readNarrative(transcript: Transcript, lexicon: Lexicon = loadLexicon()): NarrativeFact[] {
  const pronouns = pronounsFor(inferGender(transcript));
  const facts: NarrativeFact[] = [];
  for (const segment of transcript.segments) {
    if (segment.role === 'other') continue;
    for (const raw of splitUtterance(segment.text)) {
      if (QUESTION.test(raw) || ASSISTANT.test(raw)) continue;
      const sentence = cleanSentence(raw);
      if (!sentence || QUESTION.test(sentence) || sentence.split(/\s+/).length < 4) continue;
      const { entities } = analyzeText(sentence, lexicon, () => segment.id);
      const clinical = entities.some((e) => CLINICAL.has(e.category));
      const detail = entities.some((e) => DETAIL.has(e.category)) || /\d/.test(sentence);
      const kind = kindOf(sentence, segment.role, clinical, detail);
      if (!kind) continue;
      const speaker = segment.role === 'clinician' ? 'clinician' : 'patient';
      const text = toThirdPerson(sentence, speaker, pronouns).replace(/([^.!?])$/, '$1.');
      const problems = entities
        .filter(
          (e) =>
            e.category === 'Diagnosis' &&
            !e.assertion.certainty &&
            !e.assertion.conditionality &&
            e.assertion.association !== 'other',
        )
        .map((e) => e.text.toLowerCase());
      facts.push({ kind, text, evidence: [segment.id], problems });
    }
  }
  return facts;
}
