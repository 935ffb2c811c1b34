import { describe, expect, test } from 'vitest';

import { parseSpokenNumber, toQuantity, toTiming } from '../../../src/engines/fhir/quantities';
import { deterministicUuid } from '../../../src/engines/fhir/uuid';

describe('parseSpokenNumber', () => {
  test.each([
    ['875', 875],
    ['8.2', 8.2],
    ['thirty eight point four', 38.4],
    ['one hundred and forty', 140],
    ['eight hundred seventy five', 875],
    ['one thousand', 1000],
    ['two thousand five hundred', 2500],
    ['ninety seven', 97],
    ['eight point two', 8.2],
    ['twenty-five', 25],
  ])('%s → %d', (text, value) => expect(parseSpokenNumber(text)).toBe(value));
  test.each(['high', 'positive', 'point', 'seven point', ''])('%s → undefined', (text) =>
    expect(parseSpokenNumber(text)).toBeUndefined(),
  );
});

describe('toQuantity / toTiming', () => {
  test('UCUM units when known, text otherwise', () => {
    expect(toQuantity('five hundred', 'milligrams')).toEqual({
      value: 500,
      unit: 'mg',
      system: 'http://unitsofmeasure.org',
      code: 'mg',
    });
    expect(toQuantity('two', 'puffs')).toEqual({ value: 2, unit: 'puffs' });
    expect(toQuantity('some', 'mg')).toBeUndefined();
  });
  test.each([
    ['twice a day', { frequency: 2, period: 1, periodUnit: 'd' }],
    ['every six hours', { frequency: 1, period: 6, periodUnit: 'h' }],
    ['at night', { when: ['HS'] }],
    ['as needed', undefined],
  ])('%s', (text, repeat) => expect(toTiming(text).repeat).toEqual(repeat));
});

test('deterministicUuid is stable, version 5 layout, and keyed by encounter and key', () => {
  const a = deterministicUuid('enc-1', 'Patient');
  expect(a).toBe(deterministicUuid('enc-1', 'Patient'));
  expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(a).not.toBe(deterministicUuid('enc-2', 'Patient'));
  expect(a).not.toBe(deterministicUuid('enc-1', 'Practitioner'));
});
