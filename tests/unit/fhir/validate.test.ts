import type { Bundle, Condition } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';

import { buildBundle } from '../../../src/engines/fhir/bundle';
import { validateBundle } from '../../../src/engines/fhir/validate';
import { encounterFixture, encounterFixtures } from './fixtures';

const bundleOf = (id: string): Bundle => {
  const f = encounterFixture(id);
  return buildBundle(f.transcript, f.analysis, { encounterId: f.id, createdAt: '2026-11-23T10:00:00Z' });
};
const clone = (b: Bundle): Bundle => JSON.parse(JSON.stringify(b)) as Bundle;
const firstCondition = (b: Bundle) =>
  b.entry!.find((e) => e.resource!.resourceType === 'Condition')!.resource as Condition & Record<string, unknown>;

describe('validateBundle', () => {
  test.each(encounterFixtures().map((f) => f.id))('%s: the built bundle has zero errors', (id) => {
    const result = validateBundle(bundleOf(id));
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const corruptions: Array<[string, (b: Bundle) => void, RegExp]> = [
    [
      'a missing required element',
      (b) => delete (firstCondition(b) as Partial<Condition>).subject,
      /subject|Missing required/i,
    ],
    ['an unknown property', (b) => (firstCondition(b).onsetBanana = 'x'), /onsetBanana/],
    ['a wrong primitive type', (b) => (firstCondition(b).recordedDate = 42 as never), /recordedDate|expected string/i],
    [
      'a status outside its required value set',
      (b) => ((firstCondition(b).verificationStatus!.coding![0]!.code = 'maybe'), undefined),
      /condition-ver-status/,
    ],
    [
      'a primitive code outside its required value set',
      (b) => ((b.entry![1]!.resource as { gender?: string }).gender = 'robot'),
      /administrative-gender/,
    ],
    ['a malformed dateTime', (b) => (firstCondition(b).recordedDate = 'last Tuesday'), /recordedDate|format|dateTime/i],
    ['a document whose first entry is not a Composition', (b) => b.entry!.reverse(), /Composition/],
    [
      'a dangling reference',
      (b) => (firstCondition(b).subject = { reference: 'urn:uuid:00000000-0000-5000-8000-000000000000' }),
      /does not resolve/,
    ],
    ['a duplicate fullUrl', (b) => (b.entry![2]!.fullUrl = b.entry![1]!.fullUrl), /Duplicate fullUrl|does not resolve/],
  ];
  test.each(corruptions)('catches %s', (_name, corrupt, message) => {
    const bundle = clone(bundleOf('enc-diabetes-followup'));
    corrupt(bundle);
    const result = validateBundle(bundle);
    expect(result.valid).toBe(false);
    expect(
      result.issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.expression ?? ''} ${i.message}`)
        .join('\n'),
    ).toMatch(message);
  });
});
