import type { Bundle, BundleEntry, Composition, Practitioner, Provenance, Resource } from '@medplum/fhirtypes';

import type { Note } from '../../model/note';
import { deterministicUuid } from './uuid';

/** Who approved the note, when, and with which comment. */
export interface Approval {
  encounterId: string;
  reviewer: string;
  /** ISO time of the approval. */
  at: string;
  comment?: string;
}

const XHTML = 'http://www.w3.org/1999/xhtml';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const x = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
const urn = (encounterId: string, key: string) => `urn:uuid:${deterministicUuid(encounterId, key)}`;

/** The approved note as Composition sections with XHTML narrative; clinician-written sentences are marked. */
export function noteSections(note: Note): NonNullable<Composition['section']> {
  return note.sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => {
      const items = s.sentences
        .map((t) => `<li>${x(t.text)}${t.origin === 'clinician' ? ' <i>(clinician)</i>' : ''}</li>`)
        .join('');
      return {
        title: s.title,
        text: { status: 'additional' as const, div: `<div xmlns="${XHTML}"><ul>${items}</ul></div>` },
      };
    });
}

/**
 * The document after a clinician approved it: the Composition `final` with a legal attester (a Practitioner for
 * the reviewer), the approved note text as its first sections, and a Provenance of who verified it and when.
 * Pure: the same bundle and approval give the same bytes.
 */
export function approveBundle(bundle: Bundle, note: Note, approval: Approval): Bundle {
  const entries = bundle.entry ?? [];
  const index = entries.findIndex((e) => e.resource?.resourceType === 'Composition');
  const head = entries[index];
  if (!head?.resource || head.resource.resourceType !== 'Composition' || !head.fullUrl)
    throw new Error('The bundle has no Composition');
  const reviewerUrl = urn(approval.encounterId, 'Practitioner/reviewer');
  const provenanceUrl = urn(approval.encounterId, 'Provenance/review');
  const reviewerRef = { reference: reviewerUrl, display: approval.reviewer };
  const composition: Composition = {
    ...head.resource,
    status: 'final',
    title: 'Clinical encounter summary (approved by a clinician)',
    attester: [{ mode: 'legal', time: approval.at, party: reviewerRef }],
    // Sections with entries are the builder's; text-only ones are a previous approval's note (a retried step).
    section: [...noteSections(note), ...(head.resource.section ?? []).filter((x) => x.entry?.length)],
  };
  const reviewer: Practitioner = { resourceType: 'Practitioner', name: [{ text: approval.reviewer }] };
  const provenance: Provenance = {
    resourceType: 'Provenance',
    target: [{ reference: head.fullUrl }],
    recorded: approval.at,
    activity: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
          code: 'LA',
          display: 'legal authenticator',
        },
      ],
    },
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'attester',
              display: 'Attester',
            },
          ],
        },
        who: reviewerRef,
      },
    ],
    ...(approval.comment ? { reason: [{ text: approval.comment }] } : {}),
  };
  const kept = entries.filter((e) => e.fullUrl !== reviewerUrl && e.fullUrl !== provenanceUrl);
  const added: BundleEntry<Resource>[] = [
    { fullUrl: reviewerUrl, resource: reviewer },
    { fullUrl: provenanceUrl, resource: provenance },
  ];
  return {
    ...bundle,
    timestamp: approval.at,
    entry: [{ ...head, resource: composition }, ...kept.filter((e) => e !== head), ...added],
  };
}
