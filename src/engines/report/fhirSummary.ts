import type { Bundle, Resource } from '@medplum/fhirtypes';

import { escapeHtml } from './escape';

type AnyResource = Resource & Record<string, unknown>;
interface Concept {
  text?: string;
  coding?: Array<{ code?: string; display?: string; system?: string }>;
}

const conceptText = (c: unknown): string => {
  const concept = c as Concept | undefined;
  return concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? '';
};

/** What a clinical resource is about and its status, for one summary row. */
function describe(r: AnyResource): { what: string; status: string } {
  switch (r.resourceType) {
    case 'Condition':
      return {
        what: conceptText(r.code),
        status: [conceptText(r.verificationStatus), conceptText(r.clinicalStatus)].filter(Boolean).join(', '),
      };
    case 'MedicationStatement': {
      const dosage = (r.dosage as Array<{ text?: string }> | undefined)?.[0]?.text;
      return {
        what: [conceptText(r.medicationCodeableConcept), dosage].filter(Boolean).join(' — '),
        status: String(r.status),
      };
    }
    case 'FamilyMemberHistory': {
      const conditions = (r.condition as Array<{ code: Concept }> | undefined)
        ?.map((c) => conceptText(c.code))
        .join(', ');
      return { what: `${conceptText(r.relationship)}: ${conditions ?? ''}`, status: String(r.status) };
    }
    case 'AllergyIntolerance':
      return { what: conceptText(r.code), status: conceptText(r.verificationStatus) };
    default:
      return { what: conceptText(r.code), status: String(r.status ?? '') };
  }
}

const CLINICAL = new Set([
  'Condition',
  'MedicationStatement',
  'Observation',
  'Procedure',
  'AllergyIntolerance',
  'FamilyMemberHistory',
]);

/** The FHIR part of the report: resources per type and one row per clinical resource. */
export function renderFhirSummary(bundle: Bundle): string {
  const resources = (bundle.entry ?? [])
    .map((e) => e.resource as AnyResource | undefined)
    .filter((r): r is AnyResource => !!r);
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.resourceType, (counts.get(r.resourceType) ?? 0) + 1);
  const countRows = [...counts].map(([type, n]) => `<tr><td>${escapeHtml(type)}</td><td>${n}</td></tr>`).join('');
  const rows = resources
    .filter((r) => CLINICAL.has(r.resourceType))
    .map((r) => {
      const d = describe(r);
      return `<tr><td>${escapeHtml(r.resourceType)}</td><td>${escapeHtml(d.what)}</td><td>${escapeHtml(d.status)}</td></tr>`;
    })
    .join('');
  return [
    `<p>Bundle type <code>${escapeHtml(bundle.type ?? '')}</code>, ${resources.length} resources, timestamp ${escapeHtml(bundle.timestamp ?? '')}.</p>`,
    `<table class="counts"><thead><tr><th>Resource</th><th>Count</th></tr></thead><tbody>${countRows}</tbody></table>`,
    `<table class="resources"><thead><tr><th>Resource</th><th>What</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('\n');
}
