import { randomUUID } from 'node:crypto';
import http from 'node:http';

import type { LoadedApp } from '../functions/loadApp';
import type { RpcInvocationResponse } from '../functions/rpcTypes';
import type { HostKeys, HostLogger, RegisteredFunctionInfo, SystemRoute } from '../types';
import { isAuthorized, presentedKey } from './authorize';
import { proxyStream } from './proxyStream';
import { createRouteTable, type HttpRoute, routePrefixOf } from './routeTable';
import { flattenHeaders, toRpcHttpRequest } from './toRpcHttpRequest';
import { writeRpcResponse } from './writeRpcResponse';

export interface HttpServerDeps {
  app: LoadedApp;
  keys: HostKeys;
  systemRoutes: SystemRoute[];
  log: HostLogger;
  /** Writes the invocation's output bindings (blob, queue…) before the response goes out. */
  writeOutputs(
    fn: RegisteredFunctionInfo,
    response: RpcInvocationResponse,
    bindingData: Record<string, unknown>,
  ): Promise<void>;
  maxBodyBytes?: number;
}

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const LANDING =
  '<!doctype html><title>Functions host</title><p>Your Functions 4.0 app is up and running (embedded host).</p>';

/** The HTTP front end: system routes, then the app's HTTP triggers with the host's auth, 401/404/405 rules. */
export function createHttpServer(deps: HttpServerDeps): http.Server {
  const { app, keys, log } = deps;
  const table = createRouteTable(app.functions, routePrefixOf(app.hostJson));
  const limit = deps.maxBodyBytes ?? 210 * 1024 * 1024;
  const httpUri = app.capabilities.HttpUri;

  async function invokeHttp(
    route: HttpRoute,
    params: Record<string, string>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const fn = app.invoker.info(route.functionName);
    if (!fn) throw new Error(`unknown function ${route.functionName}`);
    const headers = flattenHeaders(req.headers);
    const query = Object.fromEntries(url.searchParams);
    const triggerMetadata: Record<string, unknown> = { ...params, Headers: headers, Query: query };
    const started = Date.now();
    if (httpUri) {
      const invocationId = randomUUID();
      const proxy = proxyStream(httpUri, invocationId, req, res, req.headers.host ?? url.host);
      const rpc = { method: req.method, url: url.toString(), headers, params, query };
      try {
        const response = await app.invoker.invokeRpc(fn.name, {
          invocationId,
          triggerData: { http: rpc },
          triggerMetadata,
        });
        await deps.writeOutputs(fn, response, triggerMetadata);
        await proxy.done;
      } catch (error) {
        proxy.abort();
        throw error;
      }
    } else {
      const body = await readBody(req, limit);
      const rpc = toRpcHttpRequest(req.method ?? 'GET', url, req.headers, params, body);
      const response = await app.invoker.invokeRpc(fn.name, { triggerData: { http: rpc }, triggerMetadata });
      await deps.writeOutputs(fn, response, triggerMetadata);
      const out =
        route.responseBinding === '$return' || !route.responseBinding
          ? response.returnValue
          : response.outputData?.find((o) => o.name === route.responseBinding)?.data;
      writeRpcResponse(res, out?.http, req.method === 'HEAD');
    }
    log.info('Executed function', { function: fn.name, durationMs: Date.now() - started, status: res.statusCode });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const key = presentedKey(req.headers, url);
    if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LANDING);
      return;
    }
    for (const route of deps.systemRoutes) {
      const m = route.pattern.exec(url.pathname);
      if (!m || !route.methods.includes(method)) continue;
      if (!isAuthorized(route.auth, key, keys, route.systemKey)) {
        res.writeHead(401).end();
        return;
      }
      const body = await readBody(req, limit);
      const out = await route.handler({ method, url, headers: req.headers, body, params: { ...m.groups } });
      const isRaw = typeof out.body === 'string' || Buffer.isBuffer(out.body);
      const payload = out.body === undefined ? '' : isRaw ? (out.body as string | Buffer) : JSON.stringify(out.body);
      const type = out.body !== undefined && !isRaw ? { 'content-type': 'application/json; charset=utf-8' } : {};
      res.writeHead(out.status, { ...type, ...out.headers }).end(payload);
      return;
    }
    const found = table.lookup(method, url.pathname);
    if (found.kind === 'none') {
      res.writeHead(404).end();
      return;
    }
    if (found.kind === 'methodNotAllowed') {
      res.writeHead(405, { allow: found.allowed.join(', ') }).end();
      return;
    }
    if (!isAuthorized(found.route.authLevel, key, keys)) {
      res.writeHead(401).end();
      return;
    }
    await invokeHttp(found.route, found.params, req, res, url);
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        if (!res.headersSent) res.writeHead(413, { connection: 'close' }).end();
        return;
      }
      // Name and code only: an app's error message may quote what it was processing (PHI stays out of host logs).
      const err = error instanceof Error ? error : new Error(String(error));
      const code = (err as { code?: unknown }).code;
      log.error('Function invocation failed', {
        path: new URL(req.url ?? '/', 'http://h').pathname.split('/').slice(0, 3).join('/'),
        errorName: err.name,
        errorCode: typeof code === 'string' ? code : undefined,
      });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}
