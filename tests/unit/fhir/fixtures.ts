/**
 * Hand-built, TA4H-shaped health analyses of the three scripted encounters (tests/fixtures/encounters), so the
 * FHIR, note and report tests do not depend on the health engine. One segment per turn, ids s1…; entity offsets
 * are into transcriptText(); questions carry entities the way TA4H returns them (positive, unasserted).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Assertion, Entity, HealthAnalysis, Relation } from '../../../src/model/health';
import type { Transcript } from '../../../src/model/transcript';
import { transcriptText } from '../../../src/model/transcriptText';

interface Script {
  id: string;
  locale: string;
  speakers: Record<string, { role: 'clinician' | 'patient' }>;
  turns: Array<{ speaker: string; text: string }>;
}

/** Reads an encounter script. */
export function loadScript(id: string): Script {
  const path = join(__dirname, '../../fixtures/encounters', `${id}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Script;
}

/** A transcript as a perfect recogniser would return it: one segment per turn, 0.4 s per word. */
export function transcriptFromScript(script: Script): Transcript {
  let t = 0;
  const segments = script.turns.map((turn, i) => {
    const start = t;
    const words = turn.text.split(/\s+/).map((w) => {
      const word = { w, start: t, end: t + 0.35, conf: 1 };
      t += 0.4;
      return word;
    });
    t += 0.6;
    return {
      id: `s${i + 1}`,
      speaker: turn.speaker,
      role: script.speakers[turn.speaker]!.role,
      start,
      end: t - 0.6,
      text: turn.text,
      words,
    };
  });
  const speakers = Object.entries(script.speakers).map(([id, s]) => ({ id, role: s.role, roleConfidence: 1 }));
  return { duration: t, locale: script.locale, engine: 'gold', speakers, segments };
}

type CodeTuple = [system: string, code: string, display?: string];
/** [key, segment number, text as in the segment, category, assertion, codes, normalizedText, nth occurrence] */
type Spec = [string, number, string, string, Assertion?, CodeTuple[]?, string?, number?];
type Rel = [type: string, ...keys: Array<[role: string, key: string]>];

/** Places entity specs into the transcript text and resolves relation keys to entity ids. */
export function buildAnalysis(transcript: Transcript, specs: Spec[], rels: Rel[]): HealthAnalysis {
  const { spans } = transcriptText(transcript);
  const ids = new Map<string, string>();
  const entities: Entity[] = specs.map(([key, seg, text, category, assertion, codes, normalizedText, nth], i) => {
    const span = spans[seg - 1]!;
    const segText = transcript.segments[seg - 1]!.text;
    let at = -1;
    for (let n = 0; n <= (nth ?? 0); n++) at = segText.indexOf(text, at + 1);
    if (at < 0) throw new Error(`fixture: '${text}' not in s${seg}`);
    const id = `e${i + 1}`;
    ids.set(key, id);
    const entity: Entity = {
      id,
      text,
      category,
      offset: span.offset + at,
      length: text.length,
      segmentId: span.id,
      assertion: assertion ?? {},
      codes: (codes ?? []).map(([system, code, display]) => (display ? { system, code, display } : { system, code })),
      confidence: 0.9,
    };
    if (normalizedText) entity.normalizedText = normalizedText;
    return entity;
  });
  const relations: Relation[] = rels.map(([type, ...roles]) => ({
    type,
    confidence: 0.9,
    roles: roles.map(([name, key]) => ({ name, entityId: ids.get(key) ?? `missing:${key}` })),
  }));
  return { engine: 'hand-annotated', modelVersion: 'test', entities, relations, warnings: [] };
}

const NEG: Assertion = { certainty: 'negative' };
const FUT: Assertion = { temporal: 'future' };
const PAST: Assertion = { temporal: 'past' };
const COND: Assertion = { conditionality: 'conditional' };
const FAM: Assertion = { association: 'other' };
const dose = (type: string, med: string, other: string, role: string): Rel => [
  type,
  ['Medication', med],
  [role, other],
];

const BACK: { specs: Spec[]; rels: Rel[] } = {
  specs: [
    [
      'pain',
      2,
      'hurting',
      'SymptomOrSign',
      {},
      [
        ['UMLS', 'C0030193', 'Pain'],
        ['SNOMEDCT_US', '22253000', 'Pain'],
      ],
      'pain',
    ],
    ['lowback', 2, 'lower back', 'BodyStructure', {}, [['UMLS', 'C0230103', 'Lower back']]],
    ['2w', 2, 'two weeks', 'Time'],
    ['qpain', 3, 'pain', 'SymptomOrSign', {}, [['UMLS', 'C0030193', 'Pain']]],
    ['qweak', 5, 'weakness', 'SymptomOrSign', {}, [['UMLS', 'C1883552', 'Weakness']]],
    ['weak', 6, 'weakness', 'SymptomOrSign', NEG, [['UMLS', 'C1883552', 'Weakness']]],
    [
      'bladder',
      6,
      'bladder problems',
      'SymptomOrSign',
      NEG,
      [['UMLS', 'C0005686', 'Urinary bladder disorder']],
      'bladder problems',
    ],
    [
      'apap',
      10,
      'acetaminophen',
      'MedicationName',
      {},
      [
        ['RXNORM', '161', 'acetaminophen'],
        ['UMLS', 'C0000970'],
      ],
    ],
    ['apapdose', 10, 'five hundred milligrams', 'Dosage'],
    ['apapfreq', 10, 'three times a day', 'Frequency'],
    [
      'chol',
      12,
      'high cholesterol',
      'Diagnosis',
      {},
      [
        ['ICD10CM', 'E78.00', 'Pure hypercholesterolemia, unspecified'],
        ['UMLS', 'C0020443'],
        ['SNOMEDCT_US', '13644009'],
      ],
      'hypercholesterolemia',
    ],
    [
      'atorva',
      12,
      'atorvastatin',
      'MedicationName',
      {},
      [
        ['RXNORM', '83367', 'atorvastatin'],
        ['UMLS', 'C0286651'],
      ],
    ],
    ['atorvadose', 12, 'twenty milligrams', 'Dosage'],
    ['atorvafreq', 12, 'at night', 'Frequency'],
    ['qfam', 13, 'family', 'FamilyRelation'],
    ['qra', 13, 'arthritis', 'Diagnosis', FAM, [['UMLS', 'C0003864', 'Arthritis']]],
    ['sister', 14, 'sister', 'FamilyRelation'],
    [
      'ra',
      14,
      'rheumatoid arthritis',
      'Diagnosis',
      FAM,
      [
        ['ICD10CM', 'M06.9', 'Rheumatoid arthritis, unspecified'],
        ['UMLS', 'C0003873'],
        ['SNOMEDCT_US', '69896004'],
      ],
    ],
    ['tender', 15, 'tenderness', 'SymptomOrSign', {}, [['UMLS', 'C0234233', 'Tenderness']]],
    ['lumbar', 15, 'lower lumbar spine', 'BodyStructure', {}, [['UMLS', 'C0024091', 'Lumbar spine']]],
    ['slr', 15, 'straight leg raise', 'ExaminationName', {}, [['UMLS', 'C0234163']]],
    ['slrval', 15, 'positive', 'MeasurementValue'],
    ['strength', 15, 'Strength', 'ExaminationName', {}, [['UMLS', 'C0808080']]],
    ['strengthval', 15, 'normal', 'MeasurementValue'],
    [
      'strain',
      16,
      'lumbar strain',
      'Diagnosis',
      {},
      [['ICD10CM', 'S39.012A', 'Strain of muscle, fascia and tendon of lower back, initial encounter']],
    ],
    [
      'sciatica',
      16,
      'sciatica',
      'Diagnosis',
      {},
      [
        ['ICD10CM', 'M54.30', 'Sciatica, unspecified side'],
        ['UMLS', 'C0036396'],
        ['SNOMEDCT_US', '23056005'],
      ],
    ],
    [
      'mri',
      16,
      'MRI',
      'ExaminationName',
      NEG,
      [
        ['SNOMEDCT_US', '113091000', 'Magnetic resonance imaging'],
        ['UMLS', 'C0024485'],
      ],
    ],
    [
      'napro',
      17,
      'naproxen',
      'MedicationName',
      FUT,
      [
        ['RXNORM', '7258', 'naproxen'],
        ['UMLS', 'C0027396'],
      ],
    ],
    ['naprodose', 17, 'five hundred milligrams', 'Dosage', FUT],
    ['naprofreq', 17, 'twice a day', 'Frequency', FUT],
    [
      'pt',
      17,
      'physical therapy',
      'TreatmentName',
      FUT,
      [
        ['SNOMEDCT_US', '91251008', 'Physical therapy procedure'],
        ['UMLS', 'C0949766'],
      ],
    ],
    ['numb', 19, 'numbness', 'SymptomOrSign', COND, [['UMLS', 'C0028643', 'Numbness']]],
    ['weak2', 19, 'weakness', 'SymptomOrSign', COND, [['UMLS', 'C1883552', 'Weakness']]],
  ],
  rels: [
    ['BodySiteOfCondition', ['Condition', 'pain'], ['BodyStructure', 'lowback']],
    ['TimeOfCondition', ['Condition', 'pain'], ['Time', '2w']],
    dose('DosageOfMedication', 'apap', 'apapdose', 'Dosage'),
    dose('FrequencyOfMedication', 'apap', 'apapfreq', 'Frequency'),
    dose('DosageOfMedication', 'atorva', 'atorvadose', 'Dosage'),
    dose('FrequencyOfMedication', 'atorva', 'atorvafreq', 'Frequency'),
    ['BodySiteOfCondition', ['Condition', 'tender'], ['BodyStructure', 'lumbar']],
    ['ValueOfExamination', ['Examination', 'slr'], ['MeasurementValue', 'slrval']],
    ['ValueOfExamination', ['Examination', 'strength'], ['MeasurementValue', 'strengthval']],
    dose('DosageOfMedication', 'napro', 'naprodose', 'Dosage'),
    dose('FrequencyOfMedication', 'napro', 'naprofreq', 'Frequency'),
  ],
};

const COUGH: { specs: Spec[]; rels: Rel[] } = {
  specs: [
    [
      'cough',
      2,
      'cough',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'R05.9', 'Cough, unspecified'],
        ['UMLS', 'C0010200'],
        ['SNOMEDCT_US', '49727002'],
      ],
    ],
    ['5d', 2, 'five days', 'Time'],
    [
      'fever',
      2,
      'fever',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'R50.9', 'Fever, unspecified'],
        ['UMLS', 'C0015967'],
        ['SNOMEDCT_US', '386661006'],
      ],
    ],
    ['yday', 2, 'since yesterday', 'Time'],
    ['qfever', 3, 'fever', 'SymptomOrSign', {}, [['UMLS', 'C0015967']]],
    ['phlegm', 6, 'yellow phlegm', 'SymptomOrSign', {}, [['UMLS', 'C0038056', 'Sputum']], 'yellow sputum'],
    ['throat', 6, 'throat', 'BodyStructure', {}, [['UMLS', 'C0031354', 'Pharyngeal structure']]],
    [
      'sore',
      6,
      'sore',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'J02.9', 'Acute pharyngitis, unspecified'],
        ['UMLS', 'C0242429'],
      ],
      'sore throat',
    ],
    ['qdys', 7, 'trouble breathing', 'SymptomOrSign', {}, [['UMLS', 'C0013404']]],
    ['qwheeze', 7, 'wheezing', 'SymptomOrSign', {}, [['UMLS', 'C0043144']]],
    [
      'wheeze',
      8,
      'wheezing',
      'SymptomOrSign',
      NEG,
      [
        ['UMLS', 'C0043144', 'Wheezing'],
        ['SNOMEDCT_US', '56018004'],
      ],
      'wheezing',
    ],
    [
      'sob',
      8,
      'short of breath',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'R06.02', 'Shortness of breath'],
        ['UMLS', 'C0013404'],
        ['SNOMEDCT_US', '267036007'],
      ],
      'shortness of breath',
    ],
    ['stairs', 8, 'when I climb stairs', 'Time'],
    ['qsmoke', 9, 'smoke', 'SubstanceUse'],
    ['smoking', 10, 'smoking', 'SubstanceUse', PAST, [['UMLS', 'C0037369', 'Smoking']]],
    ['10y', 10, 'ten years ago', 'Time'],
    ['qasthma', 11, 'asthma', 'Diagnosis', {}, [['UMLS', 'C0004096']]],
    [
      'asthma',
      12,
      'asthma',
      'Diagnosis',
      PAST,
      [
        ['ICD10CM', 'J45.909', 'Unspecified asthma, uncomplicated'],
        ['UMLS', 'C0004096'],
        ['SNOMEDCT_US', '195967001'],
      ],
    ],
    [
      'ibu',
      14,
      'ibuprofen',
      'MedicationName',
      {},
      [
        ['RXNORM', '5640', 'ibuprofen'],
        ['UMLS', 'C0020740'],
      ],
    ],
    ['ibudose', 14, 'four hundred milligrams', 'Dosage'],
    ['ibufreq', 14, 'every six hours', 'Frequency'],
    ['syrup', 14, 'cough syrup', 'MedicationName', {}, [['UMLS', 'C0010206', 'Antitussive agents']]],
    [
      'temp',
      15,
      'temperature',
      'ExaminationName',
      {},
      [
        ['LNC', '8310-5', 'Body temperature'],
        ['UMLS', 'C0005903'],
      ],
    ],
    ['tempval', 15, 'thirty eight point four', 'MeasurementValue'],
    ['tempunit', 15, 'degrees', 'MeasurementUnit'],
    [
      'spo2',
      15,
      'oxygen saturation',
      'ExaminationName',
      {},
      [
        ['LNC', '2708-6', 'Oxygen saturation in Arterial blood'],
        ['UMLS', 'C0523807'],
      ],
    ],
    ['spo2val', 15, 'ninety seven', 'MeasurementValue'],
    ['spo2unit', 15, 'percent', 'MeasurementUnit'],
    ['lungs', 15, 'lungs', 'BodyStructure', {}, [['UMLS', 'C0024109', 'Lung']]],
    [
      'crackles',
      15,
      'crackles',
      'SymptomOrSign',
      {},
      [
        ['UMLS', 'C0034642', 'Rales'],
        ['SNOMEDCT_US', '48409008'],
      ],
      'crackles',
    ],
    [
      'pna',
      16,
      'pneumonia',
      'Diagnosis',
      { certainty: 'positivePossible' },
      [
        ['ICD10CM', 'J18.9', 'Pneumonia, unspecified organism'],
        ['UMLS', 'C0032285'],
        ['SNOMEDCT_US', '233604007'],
      ],
    ],
    [
      'cxr',
      16,
      'chest x ray',
      'ExaminationName',
      FUT,
      [
        ['SNOMEDCT_US', '399208008', 'Plain chest X-ray'],
        ['UMLS', 'C0039985'],
      ],
    ],
    ['qabx', 17, 'antibiotics', 'MedicationClass', {}, [['UMLS', 'C0003232']]],
    ['xr2', 18, 'x ray', 'ExaminationName', COND, [['UMLS', 'C0039985']]],
    ['pna2', 18, 'pneumonia', 'Diagnosis', COND, [['UMLS', 'C0032285']]],
    [
      'amox',
      18,
      'amoxicillin',
      'MedicationName',
      COND,
      [
        ['RXNORM', '723', 'amoxicillin'],
        ['UMLS', 'C0002645'],
      ],
    ],
    ['amoxdose', 18, 'eight hundred seventy five milligrams', 'Dosage', COND],
    ['amoxroute', 18, 'by mouth', 'MedicationRoute', COND],
    ['amoxfreq', 18, 'twice a day', 'Frequency', COND],
    ['7d', 18, 'for seven days', 'Time', COND],
    ['cp', 19, 'chest pain', 'SymptomOrSign', COND, [['UMLS', 'C0008031']]],
    ['dys', 19, 'trouble breathing', 'SymptomOrSign', COND, [['UMLS', 'C0013404']]],
  ],
  rels: [
    ['TimeOfCondition', ['Condition', 'cough'], ['Time', '5d']],
    ['TimeOfCondition', ['Condition', 'fever'], ['Time', 'yday']],
    ['BodySiteOfCondition', ['Condition', 'sore'], ['BodyStructure', 'throat']],
    ['TimeOfCondition', ['Condition', 'sob'], ['Time', 'stairs']],
    dose('DosageOfMedication', 'ibu', 'ibudose', 'Dosage'),
    dose('FrequencyOfMedication', 'ibu', 'ibufreq', 'Frequency'),
    ['ValueOfExamination', ['Examination', 'temp'], ['MeasurementValue', 'tempval']],
    ['UnitOfExamination', ['Examination', 'temp'], ['MeasurementUnit', 'tempunit']],
    ['ValueOfExamination', ['Examination', 'spo2'], ['MeasurementValue', 'spo2val']],
    ['UnitOfExamination', ['Examination', 'spo2'], ['MeasurementUnit', 'spo2unit']],
    ['BodySiteOfCondition', ['Condition', 'crackles'], ['BodyStructure', 'lungs']],
    dose('DosageOfMedication', 'amox', 'amoxdose', 'Dosage'),
    dose('RouteOfMedication', 'amox', 'amoxroute', 'Route'),
    dose('FrequencyOfMedication', 'amox', 'amoxfreq', 'Frequency'),
    ['TimeOfMedication', ['Medication', 'amox'], ['Time', '7d']],
  ],
};

const DIABETES: { specs: Spec[]; rels: Rel[] } = {
  specs: [
    [
      'dm',
      2,
      'diabetes',
      'Diagnosis',
      {},
      [
        ['ICD10CM', 'E11.9', 'Type 2 diabetes mellitus without complications'],
        ['UMLS', 'C0011860'],
        ['SNOMEDCT_US', '44054006'],
      ],
      'type 2 diabetes mellitus',
    ],
    [
      'sugars',
      2,
      'sugars',
      'ExaminationName',
      {},
      [
        ['LNC', '2339-0', 'Glucose [Mass/volume] in Blood'],
        ['UMLS', 'C0392201'],
      ],
      'blood glucose',
    ],
    ['sugarsval', 2, 'high', 'MeasurementValue'],
    [
      'met',
      5,
      'metformin',
      'MedicationName',
      {},
      [
        ['RXNORM', '6809', 'metformin'],
        ['UMLS', 'C0025598'],
      ],
    ],
    ['metdose', 5, 'five hundred milligrams', 'Dosage'],
    ['metfreq', 5, 'twice a day', 'Frequency'],
    [
      'lis',
      6,
      'lisinopril',
      'MedicationName',
      {},
      [
        ['RXNORM', '29046', 'lisinopril'],
        ['UMLS', 'C0065374'],
      ],
    ],
    ['lisdose', 6, 'ten milligrams', 'Dosage'],
    ['lisfreq', 6, 'once a day', 'Frequency'],
    ['bpword', 6, 'blood pressure', 'ExaminationName', {}, [['UMLS', 'C0005823']]],
    ['qcp', 7, 'chest pain', 'SymptomOrSign', {}, [['UMLS', 'C0008031']]],
    ['qsob', 7, 'shortness of breath', 'SymptomOrSign', {}, [['UMLS', 'C0013404']]],
    [
      'cp',
      8,
      'chest pain',
      'SymptomOrSign',
      NEG,
      [
        ['ICD10CM', 'R07.9', 'Chest pain, unspecified'],
        ['UMLS', 'C0008031'],
        ['SNOMEDCT_US', '29857009'],
      ],
    ],
    [
      'sob',
      8,
      'shortness of breath',
      'SymptomOrSign',
      NEG,
      [
        ['ICD10CM', 'R06.02', 'Shortness of breath'],
        ['UMLS', 'C0013404'],
        ['SNOMEDCT_US', '267036007'],
      ],
    ],
    [
      'ha',
      8,
      'headaches',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'R51.9', 'Headache, unspecified'],
        ['UMLS', 'C0018681'],
        ['SNOMEDCT_US', '25064002'],
      ],
      'headache',
    ],
    ['qnumb', 9, 'numbness', 'SymptomOrSign', {}, [['UMLS', 'C0028643']]],
    [
      'tingle',
      10,
      'tingling',
      'SymptomOrSign',
      {},
      [
        ['ICD10CM', 'R20.2', 'Paresthesia of skin'],
        ['UMLS', 'C0030554'],
        ['SNOMEDCT_US', '62507009'],
      ],
    ],
    ['feet', 10, 'both feet', 'BodyStructure', {}, [['UMLS', 'C0016504', 'Foot']]],
    ['night', 10, 'at night', 'Time'],
    ['qfam', 11, 'family', 'FamilyRelation'],
    ['qhd', 11, 'heart disease', 'Diagnosis', FAM, [['UMLS', 'C0018799']]],
    ['father', 12, 'father', 'FamilyRelation'],
    [
      'mi',
      12,
      'heart attack',
      'Diagnosis',
      { association: 'other', temporal: 'past' },
      [
        ['ICD10CM', 'I21.9', 'Acute myocardial infarction, unspecified'],
        ['UMLS', 'C0027051'],
        ['SNOMEDCT_US', '22298006'],
      ],
      'myocardial infarction',
    ],
    ['age60', 12, 'sixty', 'Age'],
    ['mother', 12, 'mother', 'FamilyRelation'],
    [
      'momdm',
      12,
      'diabetes',
      'Diagnosis',
      FAM,
      [
        ['ICD10CM', 'E11.9'],
        ['UMLS', 'C0011849', 'Diabetes mellitus'],
      ],
      'diabetes mellitus',
    ],
    [
      'pcn',
      14,
      'penicillin',
      'Allergen',
      {},
      [
        ['RXNORM', '70618', 'penicillin'],
        ['UMLS', 'C0030842'],
      ],
    ],
    [
      'rash',
      14,
      'rash',
      'SymptomOrSign',
      PAST,
      [
        ['ICD10CM', 'R21', 'Rash and other nonspecific skin eruption'],
        ['UMLS', 'C0015230'],
        ['SNOMEDCT_US', '271807003'],
      ],
    ],
    [
      'bp',
      15,
      'blood pressure',
      'ExaminationName',
      {},
      [
        ['LNC', '85354-9', 'Blood pressure panel with all children optional'],
        ['UMLS', 'C0005823'],
      ],
    ],
    ['bpval', 15, 'one hundred and forty over ninety', 'MeasurementValue'],
    [
      'a1c',
      15,
      'hemoglobin A one C',
      'ExaminationName',
      PAST,
      [
        ['LNC', '4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'],
        ['UMLS', 'C0474680'],
      ],
      'hemoglobin A1c',
    ],
    ['a1cval', 15, 'eight point two', 'MeasurementValue', PAST],
    ['a1cunit', 15, 'percent', 'MeasurementUnit', PAST],
    [
      'met2',
      17,
      'metformin',
      'MedicationName',
      FUT,
      [
        ['RXNORM', '6809', 'metformin'],
        ['UMLS', 'C0025598'],
      ],
    ],
    ['met2dose', 17, 'one thousand milligrams', 'Dosage', FUT],
    ['met2freq', 17, 'twice a day', 'Frequency', FUT],
    [
      'a1c2',
      18,
      'A one C',
      'ExaminationName',
      FUT,
      [
        ['LNC', '4548-4'],
        ['UMLS', 'C0474680'],
      ],
      'hemoglobin A1c',
    ],
    ['3mo', 18, 'in three months', 'Time', FUT],
    ['tingle2', 18, 'tingling', 'SymptomOrSign', COND, [['UMLS', 'C0030554']]],
  ],
  rels: [
    ['ValueOfExamination', ['Examination', 'sugars'], ['MeasurementValue', 'sugarsval']],
    dose('DosageOfMedication', 'met', 'metdose', 'Dosage'),
    dose('FrequencyOfMedication', 'met', 'metfreq', 'Frequency'),
    dose('DosageOfMedication', 'lis', 'lisdose', 'Dosage'),
    dose('FrequencyOfMedication', 'lis', 'lisfreq', 'Frequency'),
    ['BodySiteOfCondition', ['Condition', 'tingle'], ['BodyStructure', 'feet']],
    ['TimeOfCondition', ['Condition', 'tingle'], ['Time', 'night']],
    ['ValueOfExamination', ['Examination', 'bp'], ['MeasurementValue', 'bpval']],
    ['ValueOfExamination', ['Examination', 'a1c'], ['MeasurementValue', 'a1cval']],
    ['UnitOfExamination', ['Examination', 'a1c'], ['MeasurementUnit', 'a1cunit']],
    dose('DosageOfMedication', 'met2', 'met2dose', 'Dosage'),
    dose('FrequencyOfMedication', 'met2', 'met2freq', 'Frequency'),
    ['TimeOfExamination', ['Examination', 'a1c2'], ['Time', '3mo']],
  ],
};

const ANNOTATIONS: Record<string, { specs: Spec[]; rels: Rel[] }> = {
  'enc-back-pain': BACK,
  'enc-cough-uri': COUGH,
  'enc-diabetes-followup': DIABETES,
};

export interface EncounterFixture {
  id: string;
  transcript: Transcript;
  analysis: HealthAnalysis;
}

/** The three scripted encounters with gold transcripts and hand-annotated analyses. */
export function encounterFixtures(): EncounterFixture[] {
  return Object.entries(ANNOTATIONS).map(([id, a]) => {
    const transcript = transcriptFromScript(loadScript(id));
    return { id, transcript, analysis: buildAnalysis(transcript, a.specs, a.rels) };
  });
}

/** One fixture by id. */
export function encounterFixture(id: keyof typeof ANNOTATIONS | string): EncounterFixture {
  const found = encounterFixtures().find((f) => f.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}
