'use strict';
// Calls of the admin-secured Durable endpoints with the master key (sessionStorage) in the x-functions-key header.
globalThis.DashboardApi = (() => {
  const ROOT = '/runtime/webhooks/durabletask';
  const STORAGE = 'clinscribe.dashboard.key';

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  const getKey = () => sessionStorage.getItem(STORAGE) || '';
  const setKey = (key) => (key ? sessionStorage.setItem(STORAGE, key) : sessionStorage.removeItem(STORAGE));

  async function call(method, path, { token, payload } = {}) {
    const headers = { 'x-functions-key': getKey() };
    if (token) headers['x-ms-continuation-token'] = token;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(ROOT + path, { method, headers, cache: 'no-store', body: payload });
    } catch {
      throw new ApiError(0, 'The host did not answer (is it still running?).');
    }
    if (response.status === 401) {
      throw new ApiError(
        401,
        'The key was rejected (401 Unauthorized): enter the master key ("master" in <data>/keys.json).',
      );
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const reason = body && typeof body.message === 'string' ? body.message : response.statusText;
      throw new ApiError(response.status, `${method} failed (${response.status}): ${reason}`);
    }
    return { status: response.status, body, continuation: response.headers.get('x-ms-continuation-token') };
  }

  const enc = encodeURIComponent;
  return {
    ApiError,
    getKey,
    setKey,
    counts: () => call('GET', '/dashboard/instances?top=1'),
    instances: ({ status, top, token, prefix, from, to }) => {
      const q = new URLSearchParams({ showInput: 'false', top: String(top) });
      if (status) q.set('runtimeStatus', status);
      if (prefix) q.set('instanceIdPrefix', prefix);
      if (from) q.set('createdTimeFrom', from);
      if (to) q.set('createdTimeTo', to);
      return call('GET', `/instances?${q}`, { token });
    },
    /** `data` is JSON text, sent as the event's payload. */
    raiseEvent: (id, name, data) => call('POST', `/instances/${enc(id)}/raiseEvent/${enc(name)}`, { payload: data }),
    restart: (id) => call('POST', `/instances/${enc(id)}/restart`),
    timeline: (id) => call('GET', `/dashboard/instances/${enc(id)}/timeline`),
    command: (id, op) =>
      op === 'purge'
        ? call('DELETE', `/instances/${enc(id)}`)
        : call('POST', `/instances/${enc(id)}/${op}?reason=${enc(`${op} from the dashboard`)}`),
  };
})();
