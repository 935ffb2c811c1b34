import { HostStartupError } from '../hostStartupError';

/** A blob trigger `path` such as `uploads/{name}`: the container, a listing prefix and a name matcher. */
export interface BlobPathPattern {
  container: string;
  prefix: string;
  match(blobName: string): Record<string, string> | undefined;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses `container/pattern`; each `{param}` captures text, the last one may span `/` (virtual folders). */
export function parseBlobPath(path: string, functionName = ''): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/.test(container)) {
    throw new HostStartupError(`Function "${functionName}": blob path "${path}" must start with a container name`);
  }
  const names: string[] = [];
  const parts = rest.split(/(\{[^}]*\})/).filter((p) => p !== '');
  const isParam = (p: string) => p.startsWith('{') && p.endsWith('}');
  const lastParam = parts.map(isParam).lastIndexOf(true);
  const regex = parts
    .map((p, i) => {
      if (!isParam(p)) {
        if (p.includes('{') || p.includes('}'))
          throw new HostStartupError(`Function "${functionName}": malformed blob path "${path}"`);
        return escapeRe(p);
      }
      const name = p.slice(1, -1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new HostStartupError(`Function "${functionName}": malformed parameter "${p}" in blob path "${path}"`);
      names.push(name);
      return i === lastParam ? '(.+)' : '([^/]+?)';
    })
    .join('');
  // `s`: a blob name may legally contain a line break, which `.` would not match (the blob would never fire).
  const re = new RegExp(`^${regex || '(?:.+)'}$`, 's');
  const prefix = parts[0] && !isParam(parts[0]) ? parts[0] : '';
  return {
    container,
    prefix,
    match(blobName) {
      const m = re.exec(blobName);
      if (!m) return undefined;
      return Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
    },
  };
}
