import type { ServerResponse } from 'node:http';

import type { RpcHttpCookie, RpcHttpData } from '../functions/rpcTypes';
import { typedDataBytes } from '../functions/typedData';

function serializeCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${encodeURIComponent(c.value ?? '')}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  const seconds = c.expires?.value?.seconds;
  if (seconds !== undefined && seconds !== null)
    parts.push(`Expires=${new Date(Number(seconds) * 1000).toUTCString()}`);
  if (c.maxAge?.value !== undefined && c.maxAge.value !== null) parts.push(`Max-Age=${c.maxAge.value}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  if (c.sameSite && c.sameSite !== 'none')
    parts.push(
      `SameSite=${c.sameSite === 'explicitNone' ? 'None' : c.sameSite[0]!.toUpperCase() + c.sameSite.slice(1)}`,
    );
  return parts.join('; ');
}

/** Writes an RPC http response (status, headers, cookies, body bytes) to the client; none means 204. */
export function writeRpcResponse(res: ServerResponse, http: RpcHttpData | undefined | null, head: boolean): void {
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  const status = Number(http.statusCode ?? 200) || 200;
  for (const [name, value] of Object.entries(http.headers ?? {})) res.setHeader(name, value);
  const cookies = (http.cookies ?? []).map(serializeCookie);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = http.body ? typedDataBytes(http.body) : Buffer.alloc(0);
  res.setHeader('content-length', body.length);
  res.writeHead(status);
  res.end(head ? undefined : body);
}
