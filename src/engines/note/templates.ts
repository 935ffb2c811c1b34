import type { NoteTemplate } from '../../model/note';
import type { FactKind } from './facts';

/** One section of a note template: what it is for (told to language models) and which facts fill it (offline). */
export interface SectionSchema {
  id: string;
  title: string;
  guidance: string;
  facts: FactKind[];
  /** Used only when `facts` yield nothing (e.g. the reason for the visit when no diagnosis was stated). */
  fallback?: FactKind[];
}

export interface TemplateSchema {
  id: NoteTemplate;
  title: string;
  sections: SectionSchema[];
}

type Part = Omit<SectionSchema, 'id' | 'title'>;

/** The building blocks of every template: the problem-oriented structure clinicians write. */
const PART = {
  chiefComplaint: {
    guidance: 'The main reason for the visit, in one sentence.',
    facts: ['complaintNarrative'],
    fallback: ['chiefComplaint'],
  },
  hpi: {
    guidance:
      "The present illness from the patient's account: onset, duration, location and side, quality, severity, timing, modifiers, associated symptoms, what was tried.",
    facts: ['introNarrative', 'hpiNarrative'],
    fallback: ['symptom', 'possibleSymptom', 'uncertainSymptom', 'reportedResult'],
  },
  ros: {
    guidance: 'Symptoms asked about: positives and pertinent negatives, as the patient answered.',
    facts: ['negative', 'possibleSymptom', 'uncertainSymptom'],
  },
  pmh: { guidance: 'Known and past conditions and operations.', facts: ['history'] },
  medications: {
    guidance: 'Current medications with dose, route and frequency as stated.',
    facts: ['medication'],
  },
  allergies: { guidance: 'Allergies and their reactions.', facts: ['allergy'] },
  familySocial: {
    guidance: 'Conditions of relatives (name the relative); tobacco, alcohol and other substance use.',
    facts: ['familyHistory', 'socialHistory'],
  },
  exam: {
    guidance: 'Vital signs and examination findings, as the clinician dictated them.',
    facts: ['examNarrative'],
    fallback: ['examFinding', 'examNegative'],
  },
  results: {
    guidance: 'Laboratory and imaging results with their values and dates.',
    facts: ['result', 'resultsNarrative'],
  },
  assessmentPlan: {
    guidance:
      "By problem: the clinician's impression with its stated certainty (suspected, under consideration, unlikely, ruled out), then its orders, medications, referrals, education and follow-up interval. A plan the patient declined is written as declined.",
    facts: [
      'diagnosis',
      'possibleDiagnosis',
      'consideredDiagnosis',
      'unlikelyDiagnosis',
      'ruledOut',
      'assessmentNarrative',
      'planNarrative',
      'declined',
    ],
    fallback: ['visitReason'],
  },
  assessment: {
    guidance:
      "The clinician's diagnoses and impressions, with their certainty as stated (suspected, under consideration, unlikely, ruled out).",
    facts: [
      'diagnosis',
      'possibleDiagnosis',
      'consideredDiagnosis',
      'unlikelyDiagnosis',
      'ruledOut',
      'assessmentNarrative',
    ],
    fallback: ['visitReason'],
  },
  plan: {
    guidance:
      'Medications started or changed, tests and referrals ordered, education, tests declined, conditional plans, return precautions and the follow-up interval.',
    // The clinician's own words first; paraphrased plan items only when the clinician's words gave none.
    facts: ['planNarrative', 'declined'],
    fallback: ['planMedication', 'planProcedure', 'conditionalPlan', 'returnPrecaution'],
  },
} satisfies Record<string, Part>;

const section = (id: string, title: string, part: Part, extra: Partial<Part> = {}): SectionSchema => ({
  id,
  title,
  ...part,
  ...extra,
});
const merge = (...parts: Part[]): Part => ({
  guidance: parts.map((p) => p.guidance).join(' '),
  facts: [...new Set(parts.flatMap((p) => p.facts))],
});

/** The note templates, each a schema of sections. SOAP is the default. */
export const TEMPLATES: Readonly<Record<NoteTemplate, TemplateSchema>> = {
  soap: {
    id: 'soap',
    title: 'SOAP note',
    sections: [
      section('chief-complaint', 'Chief Complaint', PART.chiefComplaint),
      section(
        'subjective',
        'Subjective',
        merge(PART.hpi, PART.ros, PART.pmh, PART.medications, PART.allergies, PART.familySocial),
      ),
      section('objective', 'Objective', merge(PART.exam, PART.results)),
      section('assessment', 'Assessment', PART.assessment),
      section('plan', 'Plan', PART.plan),
    ],
  },
  hp: {
    id: 'hp',
    title: 'History and physical',
    sections: [
      section('chief-complaint', 'Chief Complaint', PART.chiefComplaint),
      section('hpi', 'History of Present Illness', PART.hpi),
      section('ros', 'Review of Systems', PART.ros),
      section('pmh', 'Past Medical History', PART.pmh),
      section('medications', 'Medications', PART.medications),
      section('allergies', 'Allergies', PART.allergies),
      section('family-social', 'Family and Social History', PART.familySocial),
      section('exam', 'Physical Examination', PART.exam),
      section('results', 'Results', PART.results),
      section('assessment-plan', 'Assessment and Plan', PART.assessmentPlan),
    ],
  },
  progress: {
    id: 'progress',
    title: 'Progress note',
    sections: [
      section('interval-history', 'Interval History', merge(PART.hpi, PART.ros)),
      section('medications', 'Current Medications', merge(PART.medications, PART.allergies)),
      section('exam', 'Examination and Results', merge(PART.exam, PART.results)),
      section('assessment-plan', 'Assessment and Plan', PART.assessmentPlan),
    ],
  },
  dap: {
    id: 'dap',
    title: 'DAP note',
    sections: [
      section(
        'data',
        'Data',
        merge(
          PART.chiefComplaint,
          PART.hpi,
          PART.ros,
          PART.pmh,
          PART.medications,
          PART.allergies,
          PART.familySocial,
          PART.exam,
          PART.results,
        ),
      ),
      section('assessment', 'Assessment', PART.assessment),
      section('plan', 'Plan', PART.plan),
    ],
  },
  birp: {
    id: 'birp',
    title: 'BIRP note',
    sections: [
      section('behavior', 'Behavior', merge(PART.chiefComplaint, PART.hpi, PART.ros, PART.familySocial, PART.exam), {
        guidance: "The patient's presentation: what they report, how they appear, mood, risk, relevant history.",
      }),
      section('intervention', 'Intervention', PART.assessment, {
        guidance:
          'What the clinician did in the session: assessment with its stated certainty, education, counselling.',
      }),
      section('response', 'Response', {
        guidance: "The patient's response to the intervention, in their words.",
        facts: [],
      }),
      section('plan', 'Plan', PART.plan),
    ],
  },
};
