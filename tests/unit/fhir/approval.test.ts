import type { Composition, Practitioner, Provenance } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';

import { approveBundle } from '../../../src/engines/fhir/approval';
import { buildBundle } from '../../../src/engines/fhir/bundle';
import { validateBundle } from '../../../src/engines/fhir/validate';
import type { Note } from '../../../src/model/note';
import { encounterFixture, encounterFixtures } from './fixtures';

const note: Note = {
  template: 'soap',
  engine: 'reviewer',
  dropped: 0,
  sections: [
    { id: 'subjective', title: 'Subjective', sentences: [{ text: 'Sore throat <since> Monday.', evidence: ['s2'] }] },
    {
      id: 'plan',
      title: 'Plan',
      sentences: [{ text: 'Return if worse & febrile.', evidence: ['s3'], origin: 'clinician' }],
    },
    { id: 'objective', title: 'Objective', sentences: [] },
  ],
};
const approval = { encounterId: 'enc-0123456789abcdef', reviewer: 'Dr. Ada Osei', at: '2026-11-25T16:00:00.000Z' };

const built = (id: string) => {
  const f = encounterFixture(id);
  return buildBundle(f.transcript, f.analysis, {
    encounterId: approval.encounterId,
    createdAt: '2026-11-23T10:00:00Z',
  });
};

describe('approveBundle', () => {
  const id = encounterFixtures()[0]!.id;

  test('makes the Composition final with a legal attester, the note text, and a Provenance of the approval', () => {
    const before = built(id);
    const after = approveBundle(before, note, { ...approval, comment: 'Checked against the audio' });
    const composition = after.entry![0]!.resource as Composition;
    expect(composition.status).toBe('final');
    expect(composition.attester).toEqual([
      {
        mode: 'legal',
        time: approval.at,
        party: { reference: expect.stringMatching(/^urn:uuid:/), display: 'Dr. Ada Osei' },
      },
    ]);
    expect(composition.section!.map((s) => s.title).slice(0, 2)).toEqual(['Subjective', 'Plan']);
    expect(composition.section![0]!.text!.div).toContain('Sore throat &lt;since&gt; Monday.');
    expect(composition.section![1]!.text!.div).toContain('Return if worse &amp; febrile. <i>(clinician)</i>');
    const party = composition.attester![0]!.party!.reference;
    const reviewer = after.entry!.find((e) => e.fullUrl === party)!.resource as Practitioner;
    expect(reviewer.name).toEqual([{ text: 'Dr. Ada Osei' }]);
    const provenances = after.entry!.filter((e) => e.resource!.resourceType === 'Provenance');
    expect(provenances).toHaveLength(2);
    const review = provenances[1]!.resource as Provenance;
    expect(review.recorded).toBe(approval.at);
    expect(review.target).toEqual([{ reference: after.entry![0]!.fullUrl }]);
    expect(review.agent[0]!.who).toEqual({ reference: party, display: 'Dr. Ada Osei' });
    expect(review.reason).toEqual([{ text: 'Checked against the audio' }]);
    expect((before.entry![0]!.resource as Composition).status).toBe('preliminary');
  });

  test.each(encounterFixtures().map((f) => f.id))('%s: the approved bundle validates', (fixture) => {
    const result = validateBundle(approveBundle(built(fixture), note, approval));
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('approving twice replaces the reviewer and Provenance instead of adding more', () => {
    const once = approveBundle(built(id), note, approval);
    const twice = approveBundle(once, note, { ...approval, reviewer: 'Dr. B' });
    expect(twice.entry).toHaveLength(once.entry!.length);
    expect((twice.entry![0]!.resource as Composition).section).toEqual(
      (once.entry![0]!.resource as Composition).section,
    );
    expect((twice.entry![0]!.resource as Composition).attester![0]!.party!.display).toBe('Dr. B');
  });

  test('refuses a bundle without a Composition', () => {
    expect(() => approveBundle({ resourceType: 'Bundle', type: 'document', entry: [] }, note, approval)).toThrow(
      /no Composition/,
    );
  });
});
