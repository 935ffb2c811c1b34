import { describe, expect, it } from 'vitest';

import type { Entity } from '../../../src/model/health';
import { analyzeTurns } from './analyzeTurns';

const byText = (entities: Entity[], text: string): Entity | undefined =>
  entities.find((e) => e.text.toLowerCase() === text.toLowerCase());

/** Numbers as spoken on real visits (issue 11 item 4). */
describe('spoken numbers', () => {
  it('keeps the corrected reading after a self-correction', async () => {
    const a = await analyzeTurns([
      'clinician',
      "your blood pressure today is one seventy over , i'm sorry , one twenty over seventy",
    ]);
    const values = a.entities.filter((e) => e.category === 'MeasurementValue').map((e) => e.normalizedText);
    expect(values).toContain('120/70');
    expect(values).not.toContain('20/70');
    expect(values).not.toContain('170');
  });

  it('drops a complete reading that is corrected straight away', async () => {
    const a = await analyzeTurns(['clinician', 'it was one forty over ninety , sorry , one thirty over ninety']);
    const values = a.entities.filter((e) => e.category === 'MeasurementValue').map((e) => e.normalizedText);
    expect(values).toEqual(['130/90']);
  });

  it('drops a drug name corrected straight away', async () => {
    const a = await analyzeTurns(['clinician', "we'll treat you with penicillin or , i'm sorry , amoxicillin"]);
    expect(a.entities.filter((e) => e.category === 'MedicationName').map((e) => e.text)).toEqual(['amoxicillin']);
  });

  it('reads "I mean" as a correction too', async () => {
    const a = await analyzeTurns(['patient', 'i take five , i mean ten milligrams of lisinopril']);
    const doses = a.entities.filter((e) => e.category === 'Dosage').map((e) => e.normalizedText);
    expect(doses).toEqual(['10 mg']);
  });

  it('reads a murmur grade as a grade, not a blood pressure', async () => {
    const a = await analyzeTurns(['clinician', 'i hear a two out of six systolic ejection murmur']);
    expect(a.entities.filter((e) => e.category === 'MeasurementValue')).toEqual([]);
    expect(byText(a.entities, 'two out of six')).toMatchObject({ category: 'ConditionScale', normalizedText: '2/6' });
  });

  it('keeps dates apart from values', async () => {
    const a = await analyzeTurns(['clinician', 'the ekg is from 12/26 and it was normal']);
    expect(a.entities.find((e) => e.text.includes('12/26'))).toMatchObject({
      category: 'Time',
      normalizedText: '12/26',
    });
    expect(a.entities.filter((e) => e.category === 'MeasurementValue')).toEqual([]);
  });

  it.each<[string, string, string, string]>([
    ['my sugars run between 120 and 140', 'between 120 and 140', 'MeasurementValue', '120-140'],
    ['my sugars run 120 to 140', '120 to 140', 'MeasurementValue', '120-140'],
    ['take half a tablet at night', 'half a tablet', 'Dosage', '0.5 tablets'],
    ['take one and a half tablets', 'one and a half tablets', 'Dosage', '1.5 tablets'],
    ['give ten milliliters twice a day', 'ten milliliters', 'Dosage', '10 mL'],
  ])('%s', async (sentence, words, category, normalized) => {
    const a = await analyzeTurns(['clinician', sentence]);
    expect(byText(a.entities, words)).toMatchObject({ category, normalizedText: normalized });
  });
});
