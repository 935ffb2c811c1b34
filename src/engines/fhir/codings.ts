import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

import type { Code, Entity } from '../../model/health';

/** TA4H data source name → FHIR code system URI (only systems with an official URI; others are dropped). */
export const SYSTEM_URIS: Readonly<Record<string, string>> = {
  ICD10CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  RXNORM: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  LNC: 'http://loinc.org',
  SNOMEDCT_US: 'http://snomed.info/sct',
  UMLS: 'http://terminology.hl7.org/CodeSystem/umls',
  CPT: 'http://www.ama-assn.org/go/cpt',
  HPO: 'http://human-phenotype-ontology.org',
  ATC: 'http://www.whocc.no/atc',
};

/** Order in which codings appear: the most specific standard terminology first, UMLS last. */
const SYSTEM_ORDER = ['SNOMEDCT_US', 'ICD10CM', 'RXNORM', 'LNC', 'CPT', 'HPO', 'ATC', 'UMLS'];

/** Converts one TA4H code to a FHIR Coding, or undefined when its system has no known URI. */
export function toCoding(code: Code): Coding | undefined {
  const system =
    SYSTEM_URIS[code.system] ?? (Object.values(SYSTEM_URIS).includes(code.system) ? code.system : undefined);
  if (!system) return undefined;
  return code.display ? { system, code: code.code, display: code.display } : { system, code: code.code };
}

const rank = (coding: Coding): number => {
  const name = Object.entries(SYSTEM_URIS).find(([, uri]) => uri === coding.system)?.[0] ?? '';
  const index = SYSTEM_ORDER.indexOf(name);
  return index < 0 ? SYSTEM_ORDER.length : index;
};

/** A CodeableConcept for an entity: its codes (deduplicated, stable order) and its text as spoken. */
export function toCodeableConcept(entity: Pick<Entity, 'codes' | 'text' | 'normalizedText'>): CodeableConcept {
  const seen = new Set<string>();
  const coding: Coding[] = [];
  for (const code of entity.codes) {
    const c = toCoding(code);
    const key = c && `${c.system}|${c.code}`;
    if (c && key && !seen.has(key)) {
      seen.add(key);
      coding.push(c);
    }
  }
  coding.sort((a, b) => rank(a) - rank(b) || (a.code ?? '').localeCompare(b.code ?? ''));
  const text = entity.normalizedText ?? entity.text;
  return coding.length > 0 ? { coding, text } : { text };
}

/** A single-coding CodeableConcept from a terminology.hl7.org code system. */
export function hl7Concept(codeSystem: string, code: string, display?: string): CodeableConcept {
  const system = `http://terminology.hl7.org/CodeSystem/${codeSystem}`;
  return { coding: [display ? { system, code, display } : { system, code }] };
}
