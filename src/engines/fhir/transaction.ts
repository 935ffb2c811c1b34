import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** The identifier a conditional create searches by: the resource's own `urn:ietf:rfc:3986` identifier. */
function selfIdentifierOf(resource: Resource): string | undefined {
  const raw = (resource as { identifier?: unknown }).identifier;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const usable = (list as Array<{ system?: string; value?: string }>).filter((i) => i.system && i.value);
  const id = usable.find((i) => i.system === 'urn:ietf:rfc:3986') ?? usable[0];
  return id ? `${id.system}|${id.value}` : undefined;
}

/**
 * Turns a document bundle into a `transaction`: every resource is a conditional create (`ifNoneExist` on its
 * deterministic identifier), so sending the same encounter twice creates nothing the second time. Resources without
 * an identifier element (Provenance) are `PUT` to an id derived from their `urn:uuid:` (update-as-create), which is
 * idempotent as well. References stay `urn:uuid:` — the server rewrites them (transaction semantics).
 */
export function toTransaction(document: Bundle): Bundle {
  const entry: BundleEntry[] = (document.entry ?? []).map((e) => {
    const resource = e.resource;
    if (!resource || !e.fullUrl) throw new Error('every entry needs a resource and a fullUrl');
    const identifier = selfIdentifierOf(resource);
    if (identifier) {
      return {
        fullUrl: e.fullUrl,
        resource,
        request: {
          method: 'POST',
          url: resource.resourceType,
          ifNoneExist: `identifier=${encodeURIComponent(identifier)}`,
        },
      };
    }
    const id = e.fullUrl.replace(/^urn:uuid:/, '');
    return {
      fullUrl: e.fullUrl,
      resource: { ...resource, id },
      request: { method: 'PUT', url: `${resource.resourceType}/${id}` },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}
