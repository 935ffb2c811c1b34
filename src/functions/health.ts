import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { type EngineSelection, loadConfig } from '../config';
import { toError } from '../errors';
import { log } from '../log';
import { Containers } from '../model/names';
import { createBlobServiceClient } from '../store/blobServiceClient';

export interface HealthReport {
  status: 'ok' | 'degraded';
  engines?: EngineSelection;
  configError?: string;
  storage: { reachable: boolean; latencyMs: number; errorCode?: string };
}

const STORAGE_TIMEOUT_MS = 5_000;

/**
 * Probes storage with one cheap data-plane call the app's own role allows: list at most one blob of the
 * `encounters` container (account properties would need `blobServices/read`, which no Storage Blob Data role
 * grants, so that probe fails on Azure). A missing container still proves the account answers. Bounded by a timeout.
 */
export async function checkStorage(env: NodeJS.ProcessEnv = process.env): Promise<HealthReport['storage']> {
  const started = Date.now();
  try {
    const container = createBlobServiceClient(env).getContainerClient(Containers.encounters);
    const pages = container
      .listBlobsFlat({ abortSignal: AbortSignal.timeout(STORAGE_TIMEOUT_MS) })
      .byPage({ maxPageSize: 1 });
    await pages.next();
    return { reachable: true, latencyMs: Date.now() - started };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ContainerNotFound') return { reachable: true, latencyMs: Date.now() - started };
    return {
      reachable: false,
      latencyMs: Date.now() - started,
      errorCode: typeof code === 'string' ? code : toError(error).code,
    };
  }
}

/** Engine configuration (which engine each stage uses, never endpoints or keys) plus storage reachability. */
export async function healthReport(env: NodeJS.ProcessEnv = process.env): Promise<HealthReport> {
  const storage = await checkStorage(env);
  try {
    const { engines } = loadConfig(env);
    return { status: storage.reachable ? 'ok' : 'degraded', engines, storage };
  } catch (error) {
    return { status: 'degraded', configError: toError(error).message, storage };
  }
}

export const health = async (_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
  const report = await healthReport();
  log.info('health', {
    invocationId: context.invocationId,
    status: report.status,
    latencyMs: report.storage.latencyMs,
  });
  return {
    status: report.status === 'ok' ? 200 : 503,
    jsonBody: report,
    headers: { 'cache-control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  };
};

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: health });
