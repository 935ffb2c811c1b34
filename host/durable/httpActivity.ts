/** A `callHttp` request as durable-functions sends it (DurableHttpRequest). */
interface HttpRequestWire {
  method?: string;
  uri?: string;
  content?: string;
  headers?: Record<string, string>;
  asynchronousPatternEnabled?: boolean;
}

export interface DurableHttpResponseWire {
  statusCode: number;
  headers: Record<string, string>;
  content: string;
}

const MAX_POLLS = 1000;

/**
 * Performs a durable HTTP call like the extension's BuiltIn::HttpActivity: with the asynchronous pattern enabled a
 * 202 with a Location header is polled (GET, honouring Retry-After, default 30 s) until another status arrives.
 */
export async function callHttp(
  request: unknown,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<DurableHttpResponseWire> {
  const req = (request ?? {}) as HttpRequestWire;
  if (!req.uri) throw new Error('callHttp: the request has no uri.');
  let response = await send(req.method ?? 'GET', req.uri, req.headers, req.content);
  for (let i = 0; i < MAX_POLLS && req.asynchronousPatternEnabled !== false; i++) {
    const location = response.headers['location'];
    if (response.statusCode !== 202 || !location) break;
    const retryAfter = Number(response.headers['retry-after']);
    await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 30_000);
    response = await send('GET', new URL(location, req.uri).href, req.headers);
  }
  return response;
}

async function send(
  method: string,
  uri: string,
  headers?: Record<string, string>,
  body?: string,
): Promise<DurableHttpResponseWire> {
  const res = await fetch(uri, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => (out[key] = value));
  return { statusCode: res.status, headers: out, content: await res.text() };
}
