import type { IncomingHttpHeaders } from 'node:http';

import type { RpcHttpData } from '../functions/rpcTypes';

/** Node's headers as the host sends them: one string per name, repeated values joined with ", ". */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The RPC `http` TypedData of a request, the body as bytes (the host's `RawHttpBodyBytes` behaviour). */
export function toRpcHttpRequest(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  params: Record<string, string>,
  body: Buffer,
): RpcHttpData {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  return {
    method,
    url: url.toString(),
    headers: flattenHeaders(headers),
    query,
    params,
    body: { bytes: body },
    rawBody: { bytes: body },
  };
}
