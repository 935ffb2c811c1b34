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
    // A client that goes away mid-body would leave the forwarded request open and the function waiting forever
    // for the rest: end it, so the function's body stream fails and the invocation completes.
    req.on('close', () => {
      if (!req.complete) outbound?.destroy(new Error('The client closed the connection before the request ended'));
    });
  });
  // The caller awaits `done` only after the invocation; until then a rejection must not count as unhandled.
  done.catch(() => undefined);
  return { done, abort: () => outbound?.destroy() };
}
