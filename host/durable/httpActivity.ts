/** A `callHttp` request as durable-functions sends it (DurableHttpRequest). */
interface HttpRequestWire {
  method?: string;
  uri?: string;
  content?: string;
  headers?: Record<string, string>;
  asynchronousPatternEnabled?: boolean;
  tokenSource?: { resource?: string; kind?: string };
}

/** Gets a bearer token for a scope (default: `@azure/identity`'s DefaultAzureCredential, as the extension's MSI). */
export type TokenProvider = (scope: string) => Promise<string>;

let credential: { getToken(scope: string): Promise<{ token: string } | null> } | undefined;
const defaultTokenProvider: TokenProvider = async (scope) => {
  if (!credential) {
    const { DefaultAzureCredential } = await import('@azure/identity');
    credential = new DefaultAzureCredential();
  }
  const token = await credential.getToken(scope);
  if (!token) throw new Error('the credential returned no token');
  return token.token;
};

/** Adds `Authorization: Bearer …` for a managed-identity token source, failing clearly when none can be had. */
async function withToken(req: HttpRequestWire, getToken: TokenProvider): Promise<Record<string, string> | undefined> {
  const resource = req.tokenSource?.resource;
  if (!req.tokenSource) return req.headers;
  if (!resource) throw new Error('callHttp: the managed identity token source has no resource.');
  const scope = resource.endsWith('/.default') ? resource : `${resource.replace(/\/+$/, '')}/.default`;
  let token: string;
  try {
    token = await getToken(scope);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`callHttp: no managed identity token could be obtained for '${resource}': ${reason}`);
  }
  return { ...req.headers, Authorization: `Bearer ${token}` };
}

export interface DurableHttpResponseWire {
  statusCode: number;
  headers: Record<string, string>;
  content: string;
}

const MAX_POLLS = 1000;

/**
 * Performs a durable HTTP call like the extension's BuiltIn::HttpActivity. Under schema V3 the orchestration polls
 * (the request arrives with `asynchronousPatternEnabled: false`); a request that still enables the pattern (schema
 * V2) has a 202 with Location polled here (GET, honouring Retry-After, default 30 s). A `tokenSource` adds a bearer
 * token (managed identity via DefaultAzureCredential).
 */
export async function callHttp(
  request: unknown,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  getToken: TokenProvider = defaultTokenProvider,
): Promise<DurableHttpResponseWire> {
  const req = (request ?? {}) as HttpRequestWire;
  if (!req.uri) throw new Error('callHttp: the request has no uri.');
  const headers = await withToken(req, getToken);
  let response = await send(req.method ?? 'GET', req.uri, headers, req.content);
  for (let i = 0; i < MAX_POLLS && req.asynchronousPatternEnabled !== false; i++) {
    const location = response.headers['location'];
    if (response.statusCode !== 202 || !location) break;
    const retryAfter = Number(response.headers['retry-after']);
    await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 30_000);
    response = await send('GET', new URL(location, req.uri).href, headers);
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
