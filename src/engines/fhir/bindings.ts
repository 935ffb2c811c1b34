import type {
  Bundle,
  CodeSystemConcept,
  ElementDefinition,
  Resource,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';

/** A required terminology binding of a resource element (path below the resource type, e.g. `clinicalStatus`). */
interface RequiredBinding {
  path: string[];
  type: string;
  valueSet: string;
}

export interface BindingIssue {
  path: string;
  message: string;
}

export interface BindingChecker {
  check(resource: Resource, prefix: string): BindingIssue[];
}

const codesOf = (concepts: CodeSystemConcept[] | undefined, out: string[] = []): string[] => {
  for (const c of concepts ?? []) {
    out.push(c.code);
    codesOf(c.concept, out);
  }
  return out;
};

/**
 * Checks codes against required value-set bindings of resource elements. Medplum's validator does not check
 * bindings; FHIR servers do, and a status outside its value set is rejected there. Value sets defined by filters or
 * other value sets are skipped (no terminology server offline).
 */
export function createBindingChecker(profiles: Bundle, terminology: Bundle): BindingChecker {
  const bindings = new Map<string, RequiredBinding[]>();
  for (const entry of profiles.entry ?? []) {
    const sd = entry.resource as StructureDefinition | undefined;
    if (sd?.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || sd.derivation === 'constraint')
      continue;
    const list = (sd.snapshot?.element ?? [])
      .filter(
        (e: ElementDefinition) => e.binding?.strength === 'required' && e.binding.valueSet && !e.path.includes('[x]'),
      )
      .map((e) => ({
        path: e.path.split('.').slice(1),
        type: e.type?.[0]?.code ?? '',
        valueSet: e.binding!.valueSet!.split('|')[0]!,
      }));
    bindings.set(sd.type, list);
  }
  const codeSystems = new Map<string, CodeSystemConcept[]>();
  const valueSets = new Map<string, ValueSet>();
  for (const entry of terminology.entry ?? []) {
    const r = entry.resource as (Resource & { url?: string; concept?: CodeSystemConcept[] }) | undefined;
    if (r?.resourceType === 'CodeSystem' && r.url) codeSystems.set(r.url, r.concept ?? []);
    if (r?.resourceType === 'ValueSet' && r.url) valueSets.set(r.url, r as ValueSet);
  }
  const expansions = new Map<string, Set<string> | undefined>();
  const expand = (url: string): Set<string> | undefined => {
    if (expansions.has(url)) return expansions.get(url);
    const vs = valueSets.get(url);
    let codes: Set<string> | undefined = new Set();
    for (const inc of vs?.compose?.include ?? []) {
      const system = inc.system;
      const listed =
        inc.concept?.map((c) => c.code) ??
        (system ? codeSystems.get(system) && codesOf(codeSystems.get(system)) : undefined);
      if (!system || inc.filter || inc.valueSet || !listed || listed.length === 0) codes = undefined;
      else for (const code of listed) codes?.add(`${system}|${code}`);
      if (!codes) break;
    }
    if (!vs?.compose?.include?.length) codes = undefined;
    expansions.set(url, codes);
    return codes;
  };
  return {
    check(resource, prefix) {
      const issues: BindingIssue[] = [];
      for (const b of bindings.get(resource.resourceType) ?? []) {
        const allowed = expand(b.valueSet);
        if (!allowed) continue;
        let values: unknown[] = [resource];
        for (const step of b.path)
          values = values
            .flatMap((v) => (v && typeof v === 'object' ? [(v as Record<string, unknown>)[step]].flat() : []))
            .filter((v) => v !== undefined);
        const path = `${prefix}.${b.path.join('.')}`;
        for (const value of values) {
          if (b.type === 'code' && typeof value === 'string') {
            if (![...allowed].some((a) => a.endsWith(`|${value}`)))
              issues.push({ path, message: `Code "${value}" is not in the required value set ${b.valueSet}` });
          } else if (b.type === 'CodeableConcept' || b.type === 'Coding') {
            const codings = (
              b.type === 'Coding' ? [value] : ((value as { coding?: unknown[] }).coding ?? [])
            ) as Array<{ system?: string; code?: string }>;
            if (codings.length > 0 && !codings.some((c) => allowed.has(`${c.system}|${c.code}`))) {
              issues.push({ path, message: `No coding in the required value set ${b.valueSet}` });
            }
          }
        }
      }
      return issues;
    },
  };
}
