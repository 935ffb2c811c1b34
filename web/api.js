// Calls of the documented HTTP API (docs/api.md). Errors become ApiError with the API's own code and message.
import { authHeaders } from './auth.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(`/api/${path}`, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers || {}), ...authHeaders() },
    });
  } catch {
    throw new ApiError(0, 'Offline', 'The server did not answer. Is the host still running?');
  }
  if (response.status === 401)
    throw new ApiError(401, 'Unauthorized', 'The key was rejected (401). Enter a function key (functionKeys.default).');
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const error = body && body.error ? body.error : { code: String(response.status), message: response.statusText };
    throw new ApiError(response.status, error.code, `${error.message} (${response.status} ${error.code})`);
  }
  return response;
}

const json = async (path, init) => (await call(path, init)).json();
const post = (path, body) =>
  json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const api = {
  list: () => json('encounters?pageSize=100'),
  get: (id) => json(`encounters/${encodeURIComponent(id)}`),
  artifact: (id, name) => json(`encounters/${encodeURIComponent(id)}/${name}`),
  /** The raw response of an artifact (for downloads and audio). */
  raw: (id, name) => call(`encounters/${encodeURIComponent(id)}/${name}`),
  upload: (form) => json('encounters', { method: 'POST', body: form }),
  review: (id, decision) => post(`encounters/${encodeURIComponent(id)}/review`, decision),
  remove: (id) => json(`encounters/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
