import http from 'node:http';

import { flattenHeaders } from './toRpcHttpRequest';

/**
 * HTTP streaming (`app.setup({enableHttpStream: true})`): like the real host, forward the client's request to the
 * library's proxy server (`HttpUri` capability) tagged with the invocation id, and pipe its response back.
 * Resolves when the response has been piped; rejects if the proxy cannot be reached.
 */
export function proxyStream(
  httpUri: string,
  invocationId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  hostHeader: string,
): { done: Promise<void>; abort(): void } {
  const target = new URL(req.url ?? '/', httpUri);
  const headers = {
    ...flattenHeaders(req.headers),
    'x-ms-invocation-id': invocationId,
    'x-forwarded-host': hostHeader,
    'x-forwarded-proto': 'http',
  };
  let outbound: http.ClientRequest | undefined;
  const done = new Promise<void>((resolve, reject) => {
    outbound = http.request(target, { method: req.method, headers }, (proxyRes) => {
      res.writeHead(proxyRes.statusCode ?? 500, proxyRes.headers);
      proxyRes.pipe(res);
      proxyRes.on('end', resolve);
      proxyRes.on('error', reject);
    });
    outbound.on('error', reject);
    req.pipe(outbound);
  });
  return { done, abort: () => outbound?.destroy() };
}
