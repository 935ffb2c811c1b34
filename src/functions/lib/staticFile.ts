import { normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
  ico: 'image/x-icon',
};

/**
 * The file under `root` that a request path names (`''` → index.html), or undefined when the path escapes the root
 * or has a type we do not serve.
 */
export function staticFile(root: string, requestPath: string): { path: string; contentType: string } | undefined {
  const relative = normalize(decodeURIComponent(requestPath || 'index.html')).replace(/^([/\\])+/, '');
  const path = resolve(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const type = TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
  return type ? { path, contentType: type } : undefined;
}
