import type { Segment, Speaker, SpeakerRole, Transcript } from '../../model/transcript';

const QUESTION_START =
  /^(?:what|how|when|where|why|which|who|do|does|did|are|is|have|has|had|can|could|would|will|any|anything|tell me|so you)\b/;
const DIRECTIVE =
  /\b(?:i recommend|i suggest|i want you to|i would like you to|let's|let us|we will|we'll|i will prescribe|i'll prescribe|start|take|continue|stop|come back|follow up|make sure|avoid|return if|call us|schedule)\b/;
const CLINICAL =
  /\b(?:exam|examination|diagnosis|prescribe|prescription|blood pressure|lab|labs|test|tests|order|x-ray|mri|scan|infection|treatment|therapy|dose|refer|referral|a1c|lungs|heart|tenderness|positive|negative|normal|symptoms?|medications?|history|allergies|allerg\w*|strain|viral|bacterial|antibiotics?|vaccine|temperature|rate)\b/;
const PATIENT =
  /\b(?:my|i've been|i have been|it hurts|i feel|i felt|i took|i take|i get|i got|i noticed|thank you|thanks)\b/;

/** Per-speaker counts of turn features that separate a clinician from a patient. */
export interface TurnFeatures {
  segments: number;
  words: number;
  questions: number;
  directives: number;
  clinical: number;
  patientCues: number;
}

/** Counts the role cues in one speaker's segments. Pure. */
export function turnFeatures(segments: Segment[]): TurnFeatures {
  const f: TurnFeatures = { segments: 0, words: 0, questions: 0, directives: 0, clinical: 0, patientCues: 0 };
  for (const s of segments) {
    const text = s.text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}'\s?-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    f.segments++;
    f.words += text ? text.split(' ').length : 0;
    const sentences = text.split(/(?<=[?])\s*/);
    if (text.includes('?') || sentences.some((x) => QUESTION_START.test(x))) f.questions++;
    if (DIRECTIVE.test(text)) f.directives++;
    f.clinical += (text.match(new RegExp(CLINICAL.source, 'g')) ?? []).length;
    f.patientCues += (text.match(new RegExp(PATIENT.source, 'g')) ?? []).length;
  }
  return f;
}

/** How clinician-like a speaker is: positive leans clinician, negative leans patient. Pure. */
export function clinicianScore(f: TurnFeatures): number {
  if (f.segments === 0) return 0;
  const perTurn = (n: number): number => n / f.segments;
  return 2 * perTurn(f.questions) + perTurn(f.directives) + 0.5 * perTurn(f.clinical) - perTurn(f.patientCues);
}

/**
 * Labels every speaker `clinician`, `patient` or `other` from turn features (questions, directives, clinical
 * vocabulary vs first-person symptom talk), for any engine's transcript. The most clinician-like speaker is the
 * clinician, the most talkative of the rest the patient, anyone else `other`; a lone speaker is the clinician only
 * when clearly clinician-like. Pure: returns a new transcript.
 */
export function assignRoles(transcript: Transcript): Transcript {
  const ids = [...new Set(transcript.segments.map((s) => s.speaker))];
  const scored = ids.map((id) => {
    const f = turnFeatures(transcript.segments.filter((s) => s.speaker === id));
    return { id, f, score: clinicianScore(f) };
  });
  const roles = new Map<string, { role: SpeakerRole; confidence: number }>();
  const byScore = [...scored].sort((a, b) => b.score - a.score);
  const top = byScore[0];
  if (top && byScore.length === 1) {
    roles.set(top.id, top.score > 0.8 ? { role: 'clinician', confidence: 0.6 } : { role: 'other', confidence: 0.5 });
  } else if (top) {
    const second = byScore[1]!;
    const confidence = round(1 / (1 + Math.exp(-2 * (top.score - second.score))));
    roles.set(top.id, { role: 'clinician', confidence });
    const rest = byScore.slice(1).sort((a, b) => b.f.words - a.f.words);
    rest.forEach((s, i) =>
      roles.set(s.id, i === 0 ? { role: 'patient', confidence } : { role: 'other', confidence: 0.5 }),
    );
  }
  const speakers: Speaker[] = ids.map((id) => ({
    id,
    role: roles.get(id)?.role ?? 'other',
    roleConfidence: roles.get(id)?.confidence,
  }));
  const roleOf = new Map(speakers.map((s) => [s.id, s.role]));
  return {
    ...transcript,
    speakers,
    segments: transcript.segments.map((s) => ({ ...s, role: roleOf.get(s.speaker) ?? 'other' })),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
