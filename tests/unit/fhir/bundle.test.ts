import type {
  Bundle,
  Condition,
  FamilyMemberHistory,
  MedicationStatement,
  Observation,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';

import { buildBundle } from '../../../src/engines/fhir/bundle';
import { TA4H_BUNDLE_BLOB, ta4hSidecarBundle } from '../../../src/engines/fhir/ta4h';
import { encounterFixture, encounterFixtures } from './fixtures';

const META = { createdAt: '2026-11-23T10:00:00Z' };
const build = (id: string): Bundle => {
  const f = encounterFixture(id);
  return buildBundle(f.transcript, f.analysis, { ...META, encounterId: f.id });
};
const resources = <T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
const codeText = (r: { code?: { text?: string } }) => r.code?.text;
const conditionNamed = (bundle: Bundle, text: string) =>
  resources<Condition>(bundle, 'Condition').filter((c) => codeText(c) === text);

describe('buildBundle', () => {
  test.each(encounterFixtures().map((f) => f.id))('%s: same input twice gives byte-identical JSON', (id) => {
    expect(JSON.stringify(build(id))).toBe(JSON.stringify(build(id)));
  });

  test('a different encounter id changes every fullUrl', () => {
    const f = encounterFixture('enc-back-pain');
    const a = buildBundle(f.transcript, f.analysis, { ...META, encounterId: 'a' });
    const b = buildBundle(f.transcript, f.analysis, { ...META, encounterId: 'b' });
    const urlsA = new Set(a.entry!.map((e) => e.fullUrl));
    expect(b.entry!.some((e) => urlsA.has(e.fullUrl))).toBe(false);
  });

  test.each(encounterFixtures().map((f) => f.id))(
    '%s: document shape, urn:uuid fullUrls, subject and encounter everywhere',
    (id) => {
      const bundle = build(id);
      expect(bundle.type).toBe('document');
      expect(bundle.timestamp).toBe(META.createdAt);
      expect(bundle.entry![0]!.resource!.resourceType).toBe('Composition');
      for (const e of bundle.entry!)
        expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const patient = bundle.entry!.find((e) => e.resource!.resourceType === 'Patient')!.fullUrl;
      const encounter = bundle.entry!.find((e) => e.resource!.resourceType === 'Encounter')!.fullUrl;
      for (const r of bundle.entry!.map((e) => e.resource as Resource & Record<string, unknown>)) {
        if (['Patient', 'Practitioner', 'Device', 'Provenance', 'Encounter'].includes(r.resourceType)) continue;
        const subject = (r.subject ?? r.patient) as { reference?: string };
        expect(subject.reference, r.resourceType).toBe(patient);
        if (r.resourceType === 'FamilyMemberHistory') continue; // R4 FamilyMemberHistory has no encounter element
        const enc = (r.encounter ?? r.context) as { reference?: string; encounter?: Array<{ reference?: string }> };
        expect(enc.reference ?? enc.encounter?.[0]?.reference, r.resourceType).toBe(encounter);
      }
      expect(JSON.stringify(bundle)).not.toMatch(/"extension"/);
    },
  );

  test('assertions drive Condition statuses; questions and conditional mentions make no resources', () => {
    const bundle = build('enc-diabetes-followup');
    const chestPain = conditionNamed(bundle, 'chest pain');
    expect(chestPain).toHaveLength(1);
    expect(chestPain[0]!.verificationStatus!.coding![0]!.code).toBe('refuted');
    expect(chestPain[0]!.clinicalStatus).toBeUndefined();
    expect(conditionNamed(bundle, 'headache')[0]!.verificationStatus!.coding![0]!.code).toBe('confirmed');
    expect(conditionNamed(bundle, 'numbness')).toHaveLength(0); // only asked about
    expect(conditionNamed(bundle, 'rash')).toHaveLength(0); // the allergy's reaction, not a problem
    const cough = build('enc-cough-uri');
    expect(conditionNamed(cough, 'pneumonia').map((c) => c.verificationStatus!.coding![0]!.code)).toEqual([
      'provisional',
    ]);
    expect(conditionNamed(cough, 'asthma')[0]!.clinicalStatus!.coding![0]!.code).toBe('inactive');
    expect(conditionNamed(cough, 'chest pain')).toHaveLength(0); // return precaution, conditional
  });

  test.each([
    ['positivePossible', 'provisional'],
    ['neutralPossible', 'differential'],
    ['negativePossible', 'differential'],
    ['negative', 'refuted'],
    [undefined, 'confirmed'],
  ] as const)('a diagnosis with certainty %s is %s', (certainty, status) => {
    const f = encounterFixture('enc-cough-uri');
    // The clinician's impression ("This could be pneumonia"), not the later conditional mention.
    const target = f.analysis.entities.find((e) => e.text === 'pneumonia')!;
    const analysis = {
      ...f.analysis,
      entities: f.analysis.entities.map((e) =>
        e === target ? { ...e, assertion: certainty ? { certainty } : {} } : e,
      ),
    };
    const bundle = buildBundle(f.transcript, analysis, { ...META, encounterId: f.id });
    expect(conditionNamed(bundle, 'pneumonia').map((c) => c.verificationStatus!.coding![0]!.code)).toEqual([status]);
  });

  test('family history goes to FamilyMemberHistory with the nearest relative, never to Condition', () => {
    const bundle = build('enc-diabetes-followup');
    const fmh = resources<FamilyMemberHistory>(bundle, 'FamilyMemberHistory');
    const byRelative = Object.fromEntries(
      fmh.map((f) => [f.relationship.coding![0]!.code, f.condition![0]!.code.text]),
    );
    expect(byRelative).toEqual({ FTH: 'myocardial infarction', MTH: 'diabetes mellitus' });
    expect(conditionNamed(bundle, 'myocardial infarction')).toHaveLength(0);
    expect(conditionNamed(bundle, 'heart disease')).toHaveLength(0);
  });

  test('medications carry dosage from relations and status from assertions; an affirmed question counts', () => {
    const meds = resources<MedicationStatement>(build('enc-diabetes-followup'), 'MedicationStatement');
    const metformin = meds.filter((m) => m.medicationCodeableConcept!.text === 'metformin');
    expect(metformin.map((m) => [m.status, m.dosage![0]!.doseAndRate![0]!.doseQuantity!.value])).toEqual([
      ['active', 500],
      ['intended', 1000],
    ]);
    expect(metformin[0]!.medicationCodeableConcept!.coding).toContainEqual({
      system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
      code: '6809',
      display: 'metformin',
    });
    expect(metformin[0]!.dosage![0]!.timing!.repeat).toEqual({ frequency: 2, period: 1, periodUnit: 'd' });
    const amox = resources<MedicationStatement>(build('enc-cough-uri'), 'MedicationStatement').find(
      (m) => m.medicationCodeableConcept!.text === 'amoxicillin',
    )!;
    expect(amox.status).toBe('intended');
    expect(amox.dosage![0]!.route!.coding![0]!.code).toBe('26643006');
  });

  test('observations parse spoken values; blood pressure becomes components; declined tests are not-done', () => {
    const obs = resources<Observation>(build('enc-diabetes-followup'), 'Observation');
    const bp = obs.find((o) => codeText(o) === 'blood pressure')!;
    expect(bp.component!.map((c) => [c.code.coding![0]!.code, c.valueQuantity!.value, c.valueQuantity!.code])).toEqual([
      ['8480-6', 140, 'mm[Hg]'],
      ['8462-4', 90, 'mm[Hg]'],
    ]);
    expect(bp.category![0]!.coding![0]!.code).toBe('vital-signs');
    expect(obs.find((o) => codeText(o) === 'hemoglobin A1c')!.valueQuantity).toMatchObject({ value: 8.2, code: '%' });
    const temp = resources<Observation>(build('enc-cough-uri'), 'Observation').find(
      (o) => codeText(o) === 'temperature',
    )!;
    expect(temp.valueQuantity).toEqual({ value: 38.4, unit: '°C', system: 'http://unitsofmeasure.org', code: 'Cel' });
    expect(temp.code.coding![0]).toEqual({ system: 'http://loinc.org', code: '8310-5', display: 'Body temperature' });
    const procedures = resources<Procedure>(build('enc-back-pain'), 'Procedure');
    expect(procedures.map((p) => [codeText(p), p.status])).toEqual([
      ['MRI', 'not-done'],
      ['physical therapy', 'preparation'],
    ]);
  });

  test('codings use the official system URIs', () => {
    const systems = new Set<string>();
    for (const id of encounterFixtures().map((f) => f.id))
      JSON.stringify(build(id), (k, v: unknown) => (k === 'system' && typeof v === 'string' && systems.add(v), v));
    for (const uri of [
      'http://hl7.org/fhir/sid/icd-10-cm',
      'http://www.nlm.nih.gov/research/umls/rxnorm',
      'http://loinc.org',
      'http://snomed.info/sct',
      'http://terminology.hl7.org/CodeSystem/umls',
    ]) {
      expect(systems).toContain(uri);
    }
    expect([...systems].filter((s) => !/^(http|urn:ietf:rfc:3986)/.test(s))).toEqual([]);
  });

  test('the transcript travels as base64 text/plain and the provided patient is used', () => {
    const f = encounterFixture('enc-back-pain');
    const bundle = buildBundle(f.transcript, f.analysis, {
      ...META,
      encounterId: f.id,
      patient: { resourceType: 'Patient', id: 'x', name: [{ family: 'Doe' }] },
    });
    const doc = bundle.entry!.find((e) => e.resource!.resourceType === 'DocumentReference')!.resource as {
      content: Array<{ attachment: { data: string; contentType: string } }>;
    };
    const text = Buffer.from(doc.content[0]!.attachment.data, 'base64').toString('utf8');
    expect(doc.content[0]!.attachment.contentType).toMatch(/^text\/plain/);
    expect(text).toContain('[s10] patient (B): I took acetaminophen');
    const patient = bundle.entry!.find((e) => e.resource!.resourceType === 'Patient')!.resource as {
      id?: string;
      name?: unknown;
    };
    expect(patient.name).toEqual([{ family: 'Doe' }]);
    expect(patient.id).toBeUndefined();
  });
});

describe('ta4hSidecarBundle', () => {
  test("keeps TA4H's own bundles unchanged beside ours, or nothing for the offline engine", () => {
    const f = encounterFixture('enc-back-pain');
    expect(ta4hSidecarBundle(f.analysis, META.createdAt)).toBeUndefined();
    const theirs = { resourceType: 'Bundle', type: 'document', entry: [{ resource: { resourceType: 'Composition' } }] };
    const sidecar = ta4hSidecarBundle(
      { ...f.analysis, fhirBundles: [{ documentId: '0', offset: 0, bundle: theirs }] },
      META.createdAt,
    )!;
    expect(sidecar).toEqual({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: META.createdAt,
      entry: [{ resource: theirs }],
    });
    expect(TA4H_BUNDLE_BLOB).toBe('fhir-bundle.ta4h.json');
  });
});
