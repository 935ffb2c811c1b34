import type { Bundle } from '@medplum/fhirtypes';

/** A reference inside the bundle that does not resolve to an entry. */
export interface DanglingReference {
  entryIndex: number;
  path: string;
  reference: string;
}

function walk(value: unknown, path: string, visit: (reference: string, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') visit(child, path);
      else walk(child, path ? `${path}.${key}` : key, visit);
    }
  }
}

/**
 * Reference integrity: every `reference` in every entry must name another entry, by its `fullUrl` or as
 * `Type/id` of an entry resource. Contained (`#id`) references are left to the structure validator.
 */
export function findDanglingReferences(bundle: Bundle): DanglingReference[] {
  const known = new Set<string>();
  for (const entry of bundle.entry ?? []) {
    if (entry.fullUrl) known.add(entry.fullUrl);
    if (entry.resource?.id) known.add(`${entry.resource.resourceType}/${entry.resource.id}`);
  }
  const dangling: DanglingReference[] = [];
  (bundle.entry ?? []).forEach((entry, entryIndex) => {
    walk(entry.resource, '', (reference, path) => {
      if (!reference.startsWith('#') && !known.has(reference)) dangling.push({ entryIndex, path, reference });
    });
  });
  return dangling;
}

/** Entries whose fullUrl repeats an earlier one (a document bundle must not do that). */
export function findDuplicateFullUrls(bundle: Bundle): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const entry of bundle.entry ?? []) {
    if (!entry.fullUrl) continue;
    if (seen.has(entry.fullUrl)) duplicates.push(entry.fullUrl);
    seen.add(entry.fullUrl);
  }
  return duplicates;
}
