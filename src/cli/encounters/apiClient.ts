import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { NonRetriableError, TransientError } from '../../errors';
import type { Manifest } from '../../model/manifest';
import type { PipelineStatus } from '../../model/pipeline';
import type { HostConnection } from './hostConnection';

export interface EncounterView {
  encounterId: string;
  manifest: Manifest | null;
  runtime: { runtimeStatus: string; customStatus: PipelineStatus | null; output: unknown } | null;
}

/** Artifacts saved by `clinscribe process`, by manifest result key → API name and file name. */
export const DOWNLOADS: [result: string, api: string, file: string][] = [
  ['transcript', 'transcript', 'transcript.json'],
  ['health', 'health', 'health.json'],
  ['fhir', 'fhir', 'fhir-bundle.json'],
  ['fhirTa4h', 'fhir-ta4h', 'fhir-bundle.ta4h.json'],
  ['note', 'note', 'note.json'],
  ['noteMarkdown', 'note.md', 'note.md'],
  ['report', 'report', 'report.html'],
];

/** A thin client of the documented HTTP API (docs/api.md). */
export class ApiClient {
  constructor(private readonly host: HostConnection) {}

  /** One request; GETs are retried twice on a network error (polling must survive a dropped connection). */
  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = { ...(init.headers as Record<string, string> | undefined), 'x-functions-key': this.host.key };
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(new URL(path, this.host.baseUrl), { ...init, headers });
      } catch (error) {
        if ((init.method ?? 'GET') !== 'GET' || attempt >= 3) {
          throw new TransientError('HostUnreachable', `The host at ${this.host.baseUrl} did not answer`, {
            cause: error,
          });
        }
        await new Promise((done) => setTimeout(done, 500));
      }
    }
  }

  private async fail(response: Response): Promise<never> {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    const message = body.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401) throw new NonRetriableError('Unauthorized', 'The function key was refused');
    throw new NonRetriableError(body.error?.code ?? `Http${response.status}`, message);
  }

  /** Uploads one file, streamed from disk (a long recording never sits whole in memory); returns the encounter id. */
  async upload(path: string, options: Record<string, string>): Promise<string> {
    const query = new URLSearchParams(options).toString();
    const { size } = await stat(path);
    const response = await this.call(`/api/encounters${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      // Node's fetch keeps a copy of a streamed body to replay it on a redirect; the API never redirects.
      redirect: 'error',
      duplex: 'half',
    } as RequestInit);
    if (response.status !== 202) await this.fail(response);
    return ((await response.json()) as { encounterId: string }).encounterId;
  }

  async get(id: string): Promise<EncounterView> {
    const response = await this.call(`/api/encounters/${encodeURIComponent(id)}`);
    if (!response.ok) await this.fail(response);
    return (await response.json()) as EncounterView;
  }

  async list(
    pageSize = 100,
    continuationToken?: string,
  ): Promise<{ items: Record<string, unknown>[]; continuationToken?: string }> {
    const query = new URLSearchParams({
      pageSize: String(pageSize),
      ...(continuationToken ? { continuationToken } : {}),
    });
    const response = await this.call(`/api/encounters?${query.toString()}`);
    if (!response.ok) await this.fail(response);
    return (await response.json()) as { items: Record<string, unknown>[]; continuationToken?: string };
  }

  /** Saves the manifest and every produced artifact under `dir`; returns the file names written. */
  async download(view: EncounterView, dir: string): Promise<string[]> {
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    if (view.manifest) {
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(view.manifest, null, 2));
      written.push('manifest.json');
    }
    for (const [result, api, file] of DOWNLOADS) {
      if (!view.manifest?.results[result]) continue;
      const response = await this.call(`/api/encounters/${view.encounterId}/${api}`);
      if (!response.ok) continue;
      await writeFile(join(dir, file), Buffer.from(await response.arrayBuffer()));
      written.push(file);
    }
    return written;
  }
}
