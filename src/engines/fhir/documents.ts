import type {
  Composition,
  CompositionSection,
  DocumentReference,
  Provenance,
  Reference,
  Resource,
} from '@medplum/fhirtypes';

import type { Transcript } from '../../model/transcript';
import type { BuildContext } from './context';
import { selfIdentifier } from './context';
import { KEYS } from './participants';

const loinc = (code: string, display: string) => ({ coding: [{ system: 'http://loinc.org', code, display }] });

/** Composition sections in document order: LOINC section code and the resource types listed in it. */
const SECTIONS: ReadonlyArray<{ title: string; code: string; display: string; types: string[] }> = [
  { title: 'Problems', code: '11450-4', display: 'Problem list - Reported', types: ['Condition'] },
  {
    title: 'Medications',
    code: '10160-0',
    display: 'History of Medication use Narrative',
    types: ['MedicationStatement'],
  },
  {
    title: 'Allergies and intolerances',
    code: '48765-2',
    display: 'Allergies and adverse reactions Document',
    types: ['AllergyIntolerance'],
  },
  {
    title: 'Vital signs and examination',
    code: '29545-1',
    display: 'Physical findings Narrative',
    types: ['Observation'],
  },
  { title: 'Procedures', code: '47519-4', display: 'History of Procedures Document', types: ['Procedure'] },
  {
    title: 'Family history',
    code: '10157-6',
    display: 'History of family member diseases Narrative',
    types: ['FamilyMemberHistory'],
  },
];

/** The transcript as plain text, one line per segment: `[s1] clinician (A): …`. */
export function transcriptPlainText(transcript: Transcript): string {
  return transcript.segments.map((s) => `[${s.id}] ${s.role} (${s.speaker}): ${s.text}`).join('\n') + '\n';
}

/** The Composition that heads the document: one section per resource type present, entries in bundle order. */
export function buildComposition(ctx: BuildContext, clinical: Array<{ key: string; resource: Resource }>): Composition {
  const section: CompositionSection[] = [];
  for (const s of SECTIONS) {
    const entry: Reference[] = clinical
      .filter((c) => s.types.includes(c.resource.resourceType))
      .map((c) => ctx.ref(c.key));
    if (entry.length > 0) section.push({ title: s.title, code: loinc(s.code, s.display), entry });
  }
  section.push({ title: 'Transcript', entry: [ctx.ref(KEYS.transcript)] });
  return {
    resourceType: 'Composition',
    identifier: selfIdentifier(ctx, KEYS.composition),
    status: 'preliminary',
    type: loinc('34109-9', 'Note'),
    subject: ctx.ref(KEYS.patient),
    encounter: ctx.ref(KEYS.encounter),
    date: ctx.createdAt,
    author: [ctx.ref(KEYS.device)],
    title: 'Clinical encounter summary (machine-generated from transcript)',
    section,
  };
}

/** The transcript itself, base64 text/plain, linked to the encounter. */
export function buildTranscriptDocument(ctx: BuildContext, transcript: Transcript): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    identifier: [selfIdentifier(ctx, KEYS.transcript)],
    status: 'current',
    docStatus: 'preliminary',
    type: { text: 'Encounter transcript' },
    subject: ctx.ref(KEYS.patient),
    date: ctx.createdAt,
    author: [ctx.ref(KEYS.device)],
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: transcript.locale,
          data: Buffer.from(transcriptPlainText(transcript), 'utf8').toString('base64'),
          title: 'Encounter transcript',
        },
      },
    ],
    context: { encounter: [ctx.ref(KEYS.encounter)] },
  };
}

/** Provenance: every derived resource was created by Clinscribe from the transcript. */
export function buildProvenance(ctx: BuildContext, targetKeys: string[]): Provenance {
  return {
    resourceType: 'Provenance',
    target: targetKeys.map((k) => ctx.ref(k)),
    recorded: ctx.createdAt,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' }],
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'assembler',
              display: 'Assembler',
            },
          ],
        },
        who: ctx.ref(KEYS.device),
      },
    ],
    entity: [{ role: 'source', what: ctx.ref(KEYS.transcript) }],
  };
}
