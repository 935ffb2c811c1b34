import './lib/enableHttpStream';

import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';

import { inScope } from '../identity/authorize';
import { routeAuthLevel } from '../identity/resolveCaller';
import { artifactRef, isEncounterId, PUBLIC_ARTIFACTS } from '../store/artifacts';
import { openRead } from '../store/blobIo';
import { getBlobServiceClient } from '../store/blobServiceClient';
import { readManifest } from '../store/manifestStore';
import { findInstance } from './lib/findInstance';
import { guardedAccess, scopeOf } from './lib/guardedAccess';
import { json, problem } from './lib/httpResponses';
import { listEncounters } from './lib/listEncounters';
import { REPORT_HEADERS } from './lib/securityHeaders';
import { serveAudio } from './lib/serveAudio';

const MAX_PAGE = 100;

/** `GET /api/encounters?pageSize=&continuationToken=`: a page of encounters with their status. */
export async function listEncountersHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const spec = { route: 'encounters.list', permission: 'encounter.list', audit: 'encounter.list' } as const;
  return guardedAccess(request, spec, async (principal) => {
    const pageSize = Math.min(MAX_PAGE, Math.max(1, Number(request.query.get('pageSize') ?? 50) || 50));
    const page = await listEncounters(
      getBlobServiceClient(),
      pageSize,
      request.query.get('continuationToken') ?? undefined,
      (manifest) => inScope(principal, scopeOf(manifest) ?? undefined),
    );
    return json(200, page);
  });
}

/** `GET /api/encounters/{id}`: the manifest plus the orchestration's runtime status and custom status. */
export async function getEncounter(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const spec = {
    route: 'encounters.get',
    permission: 'encounter.read',
    audit: 'encounter.read',
    encounterId: id,
  } as const;
  return guardedAccess(request, spec, async () => {
    if (!isEncounterId(id)) return problem(404, 'NotFound', 'No such encounter');
    const [manifest, instance] = await Promise.all([
      readManifest(getBlobServiceClient(), id),
      findInstance(df.getClient(context), id),
    ]);
    if (!manifest && !instance) return problem(404, 'NotFound', 'No such encounter');
    const runtime = instance
      ? {
          runtimeStatus: instance.runtimeStatus,
          customStatus: instance.customStatus ?? null,
          output: instance.output ?? null,
          createdTime: instance.createdTime,
          lastUpdatedTime: instance.lastUpdatedTime,
        }
      : null;
    return json(200, { encounterId: id, manifest: manifest ?? null, runtime });
  });
}

/**
 * `GET /api/encounters/{id}/{artifact}`: transcript, health, fhir, note, note.md, report or manifest, streamed from
 * storage; `audio` streams the uploaded recording with range support. `report.html` is served sandboxed.
 */
export async function getArtifact(request: HttpRequest): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const name = request.params.artifact ?? '';
  const spec = {
    route: 'encounters.artifact',
    permission: 'encounter.read',
    audit: 'artifact.read',
    encounterId: id,
    detail: name,
  } as const;
  return guardedAccess(request, spec, async () => {
    if (isEncounterId(id) && name === 'audio') return serveAudio(getBlobServiceClient(), request, id);
    // Own keys only: `constructor` or `__proto__` must not resolve through the prototype.
    const artifact = Object.hasOwn(PUBLIC_ARTIFACTS, name) ? PUBLIC_ARTIFACTS[name] : undefined;
    if (!isEncounterId(id) || !artifact) return problem(404, 'NotFound', 'No such encounter or artifact');
    const blob = await openRead(getBlobServiceClient(), artifactRef(id, artifact));
    if (!blob) return problem(404, 'NotFound', 'This artifact does not exist (yet)');
    const headers: Record<string, string> = {
      'Content-Type': blob.contentType,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(artifact === 'report' ? REPORT_HEADERS : {}),
    };
    if (blob.length !== undefined) headers['Content-Length'] = String(blob.length);
    return {
      status: 200,
      headers,
      body: Readable.toWeb(blob.stream as Readable) as WebReadableStream<Uint8Array> as ReadableStream<Uint8Array>,
    };
  });
}

app.http('encountersList', {
  methods: ['GET'],
  route: 'encounters',
  authLevel: routeAuthLevel(),
  handler: listEncountersHandler,
});
app.http('encountersGet', {
  methods: ['GET'],
  route: 'encounters/{id}',
  authLevel: routeAuthLevel(),
  extraInputs: [df.input.durableClient()],
  handler: getEncounter,
});
app.http('encountersArtifact', {
  methods: ['GET'],
  route: 'encounters/{id}/{artifact}',
  authLevel: routeAuthLevel(),
  handler: getArtifact,
});
