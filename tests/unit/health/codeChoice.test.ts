import { describe, expect, it } from 'vitest';

import { createLocalHealthEngine } from '../../../src/engines/health/local/engine';
import { planChunks } from '../../../src/engines/health/planChunks';

const engine = createLocalHealthEngine();
const analyze = (text: string) =>
  engine.analyze(
    planChunks({ segments: [{ id: 's1', speaker: 'A', role: 'patient', start: 0, end: 0, text, words: [] }] }, 5000),
  );

/**
 * Term → code as said on real visits (issue 11): [sentence, words of the entity, category, first code, plain name].
 * The plain name is what notes show; the code's official title stays in codes[].display.
 */
describe('code choice', () => {
  it.each<[string, string, string, string, string]>([
    // Codes that were valid but wrongly chosen.
    ['I have depression.', 'depression', 'Diagnosis', 'ICD10CM:F32.A', 'depression'],
    [
      'He has major depressive disorder.',
      'major depressive disorder',
      'Diagnosis',
      'ICD10CM:F32.9',
      'major depression',
    ],
    ['She has hepatitis C.', 'hepatitis C', 'Diagnosis', 'ICD10CM:B19.20', 'hepatitis C'],
    ['He has chronic hepatitis C.', 'chronic hepatitis C', 'Diagnosis', 'ICD10CM:B18.2', 'chronic hepatitis C'],
    ['I have left ankle pain.', 'left ankle pain', 'SymptomOrSign', 'ICD10CM:M25.572', 'left ankle pain'],
    ['There is pain in my right knee.', 'pain in my right knee', 'SymptomOrSign', 'ICD10CM:M25.561', 'right knee pain'],
    ['My left shoulder hurts.', 'left shoulder hurts', 'SymptomOrSign', 'ICD10CM:M25.512', 'left shoulder pain'],
    ['I take painkillers.', 'painkillers', 'MedicationClass', 'ATC:N02', 'analgesics'],
    ['I take opioids.', 'opioids', 'MedicationClass', 'ATC:N02A', 'opioids'],
    ['He has a history of falls.', 'history of falls', 'Diagnosis', 'ICD10CM:Z91.81', 'history of falls'],
    // Plain display names.
    ['My hands feel numb.', 'numb', 'SymptomOrSign', 'ICD10CM:R20.0', 'numbness'],
    ['I feel fatigued.', 'fatigued', 'SymptomOrSign', 'ICD10CM:R53.83', 'fatigue'],
    ['I have high cholesterol.', 'high cholesterol', 'Diagnosis', 'ICD10CM:E78.00', 'high cholesterol'],
    // UK and brand names, mapped to their ingredients.
    ['I take thyroxine every morning.', 'thyroxine', 'MedicationName', 'RXNORM:10582', 'levothyroxine'],
    ['I am on Microgynon.', 'Microgynon', 'MedicationName', 'ATC:G03AA07', 'levonorgestrel/ethinylestradiol'],
    ['I took some Piriton.', 'Piriton', 'MedicationName', 'ATC:R06AB04', 'chlorphenamine'],
    ['She is on HRT.', 'HRT', 'MedicationClass', 'ATC:G03C', 'hormone replacement therapy'],
    ['Try some Dioralyte.', 'Dioralyte', 'MedicationName', 'ATC:A07CA', 'oral rehydration salts'],
    ['Use emollients twice a day.', 'emollients', 'MedicationClass', 'ATC:D02', 'emollients and protectives'],
    // Lay phrases.
    ["i ca n't hear as well", "ca n't hear as well", 'SymptomOrSign', 'ICD10CM:H91.90', 'hearing loss'],
    ["I can't hear as well.", "can't hear as well", 'SymptomOrSign', 'ICD10CM:H91.90', 'hearing loss'],
    ["my heart's really going", "heart's really going", 'SymptomOrSign', 'ICD10CM:R00.2', 'palpitations'],
    ['I was stung by a wasp.', 'stung by a wasp', 'Diagnosis', 'ICD10CM:T63.461A', 'wasp sting'],
    ['I had a C-section.', 'C-section', 'TreatmentName', 'SNOMEDCT_US:11466000', 'Cesarean section'],
    ['She passed some clots.', 'clots', 'Diagnosis', 'ICD10CM:I82.90', 'blood clot'],
    ['I have a pounding in my chest.', 'pounding in my chest', 'SymptomOrSign', 'ICD10CM:R00.2', 'palpitations'],
    // Diagnoses that were missing.
    ['It is labyrinthitis.', 'labyrinthitis', 'Diagnosis', 'ICD10CM:H83.09', 'labyrinthitis'],
    [
      'She has premature ovarian failure.',
      'premature ovarian failure',
      'Diagnosis',
      'ICD10CM:E28.39',
      'premature ovarian failure',
    ],
    ['You have ear wax.', 'ear wax', 'Diagnosis', 'ICD10CM:H61.20', 'ear wax'],
    ['He had dengue.', 'dengue', 'Diagnosis', 'ICD10CM:A90', 'dengue fever'],
    ['It was a pulmonary embolism.', 'pulmonary embolism', 'Diagnosis', 'ICD10CM:I26.99', 'pulmonary embolism'],
    ['He has a pituitary adenoma.', 'pituitary adenoma', 'Diagnosis', 'ICD10CM:D35.2', 'pituitary adenoma'],
    [
      'There is bitemporal hemianopia.',
      'bitemporal hemianopia',
      'Diagnosis',
      'ICD10CM:H53.47',
      'bitemporal hemianopia',
    ],
    ['It is a Colles fracture.', 'Colles fracture', 'Diagnosis', 'ICD10CM:S52.539A', 'Colles fracture'],
    ['You have an MCL strain.', 'MCL strain', 'Diagnosis', 'ICD10CM:S83.419A', 'MCL sprain'],
    ['There is a small effusion.', 'effusion', 'SymptomOrSign', 'ICD10CM:M25.40', 'joint effusion'],
    ['There is a knee effusion.', 'knee effusion', 'SymptomOrSign', 'ICD10CM:M25.469', 'knee effusion'],
    ['It is an adenocarcinoma.', 'adenocarcinoma', 'Diagnosis', 'ICD10CM:C80.1', 'adenocarcinoma'],
    ['You have radiation pneumonitis.', 'radiation pneumonitis', 'Diagnosis', 'ICD10CM:J70.0', 'radiation pneumonitis'],
    ['You have IgA deficiency.', 'IgA deficiency', 'Diagnosis', 'ICD10CM:D80.2', 'IgA deficiency'],
    ['No immunodeficiency in the family.', 'immunodeficiency', 'Diagnosis', 'ICD10CM:D84.9', 'immunodeficiency'],
    ['She has hypotonia.', 'hypotonia', 'Diagnosis', 'ICD10CM:M62.89', 'hypotonia'],
    ['There is no fracture.', 'fracture', 'Diagnosis', 'SNOMEDCT_US:125605004', 'Fracture of bone'],
    ['It is a contusion.', 'contusion', 'Diagnosis', 'ICD10CM:T14.8XXA', 'injury'],
    ['He was stung by a bee.', 'stung by a bee', 'Diagnosis', 'ICD10CM:T63.441A', 'bee sting'],
    ['He had a blood clot.', 'blood clot', 'Diagnosis', 'ICD10CM:I82.90', 'blood clot'],
    ['i have gerd', 'gerd', 'Diagnosis', 'ICD10CM:K21.9', 'gastroesophageal reflux disease'],
    ['No known drug allergies.', 'drug allergies', 'Diagnosis', 'ICD10CM:Z88.9', 'drug allergy'],
  ])('%s → %s %s', async (sentence, words, category, code, plain) => {
    const a = await analyze(sentence);
    const e = a.entities.find((x) => x.text.toLowerCase() === words.toLowerCase());
    expect(e, `no entity "${words}" in ${JSON.stringify(a.entities.map((x) => x.text))}`).toBeDefined();
    expect(e!.category).toBe(category);
    expect(`${e!.codes[0]?.system}:${e!.codes[0]?.code}`).toBe(code);
    expect(e!.normalizedText).toBe(plain);
    expect(e!.codes[0]?.display).toBeTruthy();
  });

  it('codes a fall as no external-cause problem', async () => {
    const a = await analyze('I had a fall last week and hurt my wrist.');
    expect(a.entities.flatMap((e) => e.codes.map((c) => c.code))).not.toContain('W19.XXXA');
  });
});
