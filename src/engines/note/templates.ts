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

const ASSESSMENT: SectionSchema = {
  id: 'assessment',
  title: 'Assessment',
  guidance:
    "The clinician's diagnoses and impressions, with their certainty as stated (suspected, under consideration, unlikely, ruled out).",
  facts: ['diagnosis', 'possibleDiagnosis', 'consideredDiagnosis', 'unlikelyDiagnosis', 'ruledOut'],
  fallback: ['visitReason'],
};
const PLAN: SectionSchema = {
  id: 'plan',
  title: 'Plan',
  guidance:
    'Medications started or changed, tests and referrals ordered, tests declined, conditional plans, return precautions.',
  facts: ['planMedication', 'planProcedure', 'declined', 'conditionalPlan', 'returnPrecaution'],
};

/** The note templates, each a schema of sections. SOAP is the default. */
export const TEMPLATES: Readonly<Record<NoteTemplate, TemplateSchema>> = {
  soap: {
    id: 'soap',
    title: 'SOAP note',
    sections: [
      {
        id: 'subjective',
        title: 'Subjective',
        guidance:
          'What the patient reports: complaints with onset and site, pertinent negatives, history, medications, allergies, family and social history.',
        facts: [
          'symptom',
          'possibleSymptom',
          'uncertainSymptom',
          'reportedResult',
          'negative',
          'history',
          'medication',
          'allergy',
          'familyHistory',
          'socialHistory',
        ],
      },
      {
        id: 'objective',
        title: 'Objective',
        guidance: 'Vital signs, examination findings and results stated by the clinician.',
        facts: ['result', 'examFinding'],
      },
      ASSESSMENT,
      PLAN,
    ],
  },
  hp: {
    id: 'hp',
    title: 'History and physical',
    sections: [
      {
        id: 'chief-complaint',
        title: 'Chief Complaint',
        guidance: 'The main reason for the visit, in one sentence.',
        facts: ['chiefComplaint'],
      },
      {
        id: 'hpi',
        title: 'History of Present Illness',
        guidance: 'The present complaints: onset, duration, site, character, what was tried.',
        facts: ['symptom', 'possibleSymptom', 'uncertainSymptom', 'reportedResult'],
      },
      {
        id: 'ros',
        title: 'Review of Systems',
        guidance: 'Symptoms asked about and denied (pertinent negatives).',
        facts: ['negative'],
      },
      { id: 'pmh', title: 'Past Medical History', guidance: 'Known and past conditions.', facts: ['history'] },
      {
        id: 'medications',
        title: 'Medications',
        guidance: 'Current medications with dose, route and frequency as stated.',
        facts: ['medication'],
      },
      { id: 'allergies', title: 'Allergies', guidance: 'Allergies and their reactions.', facts: ['allergy'] },
      {
        id: 'family-social',
        title: 'Family and Social History',
        guidance: 'Conditions of relatives (name the relative) and substance use.',
        facts: ['familyHistory', 'socialHistory'],
      },
      {
        id: 'exam',
        title: 'Physical Examination',
        guidance: 'Vital signs, examination findings and results.',
        facts: ['result', 'examFinding'],
      },
      ASSESSMENT,
      PLAN,
    ],
  },
  progress: {
    id: 'progress',
    title: 'Progress note',
    sections: [
      {
        id: 'interval-history',
        title: 'Interval History',
        guidance: 'Changes since the last visit: symptoms, pertinent negatives, self-reported readings.',
        facts: ['symptom', 'possibleSymptom', 'uncertainSymptom', 'reportedResult', 'negative'],
      },
      {
        id: 'medications',
        title: 'Current Medications',
        guidance: 'Current medications with dose and frequency; allergies.',
        facts: ['medication', 'allergy'],
      },
      {
        id: 'exam',
        title: 'Examination and Results',
        guidance: 'Vital signs, examination findings and results.',
        facts: ['result', 'examFinding'],
      },
      ASSESSMENT,
      PLAN,
    ],
  },
};
