/**
 * Shared by the pipeline integration tests: the real app (built `dist/`) on the embedded host with Azurite, SQLite
 * Durable state and the offline engines, driven only through its documented HTTP API.
 */
import { resolve } from 'node:path';

import { expect } from 'vitest';

import { defaultExtensions } from '../../host/extensions';
import type { EncounterView } from '../../src/cli/encounters/apiClient';
import { validateBundle } from '../../src/engines/fhir/validate';
import { HealthAnalysisSchema } from '../../src/model/health';
import { ManifestSchema } from '../../src/model/manifest';
import { NoteSchema } from '../../src/model/note';
import { TranscriptSchema } from '../../src/model/transcript';
import { startTestHost, type TestHost, waitFor } from '../helpers/hostHarness';

export const APP_DIR = resolve(__dirname, '..', '..');

/** Starts the app on a fresh embedded host with offline engines. */
export async function startPipelineHost(env: Record<string, string> = {}): Promise<TestHost> {
  return startTestHost({
    appDir: APP_DIR,
    extensions: defaultExtensions(),
    env: { SPEECH_ENGINE: 'local', LANGUAGE_ENGINE: 'local', NOTE_ENGINE: 'local', ...env },
  });
}

export class Api {
  constructor(private readonly host: TestHost) {}
  get key(): string {
    return this.host.keys.functionKeys.default!;
  }
  /**
   * One API call. GETs are retried on a network error: host and test share one event loop, and under heavy load a
   * long synchronous step can let the server's keep-alive timer close a socket just as the client reuses it.
   */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const request = () =>
      fetch(`${this.host.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-functions-key': this.key },
      });
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if ((init.method ?? 'GET') !== 'GET' || attempt >= 3) throw error;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        process.stderr.write(
          `retrying GET ${path.split('?')[0]} after ${cause?.code ?? cause?.message ?? String(error)}\n`,
        );
      }
    }
  }
  /** POSTs a raw upload; returns the 202 body. */
  async upload(
    content: Buffer,
    query: Record<string, string> = {},
  ): Promise<{ encounterId: string; statusQueryGetUri: string; location: string | null }> {
    const qs = new URLSearchParams(query).toString();
    const response = await this.fetch(`/api/encounters${qs ? `?${qs}` : ''}`, {
      method: 'POST',
      body: content,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const body = (await response.json()) as { encounterId: string; statusQueryGetUri: string };
    expect(response.status, JSON.stringify(body)).toBe(202);
    return { ...body, location: response.headers.get('location') };
  }
  async get(id: string): Promise<EncounterView> {
    const response = await this.fetch(`/api/encounters/${id}`);
    const body = (await response.json()) as EncounterView;
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body;
  }
  /** Waits until the runtime status is final (or `until` holds). */
  async settle(
    id: string,
    until: (view: EncounterView) => boolean = () => false,
    timeoutMs = 120_000,
  ): Promise<EncounterView> {
    return waitFor(
      async () => {
        const view = await this.get(id);
        const final = ['Completed', 'Failed', 'Terminated'].includes(view.runtime?.runtimeStatus ?? '');
        return final || until(view) ? view : undefined;
      },
      timeoutMs,
      250,
    );
  }
  async artifact(id: string, name: string): Promise<Response> {
    return this.fetch(`/api/encounters/${id}/${name}`);
  }
}

/** Every artifact is present, schema-valid, the FHIR bundle validates, the note is grounded in the transcript. */
export async function expectCompleteEncounter(api: Api, id: string): Promise<void> {
  const view = await api.get(id);
  expect(view.runtime?.runtimeStatus, JSON.stringify(view.manifest?.error)).toBe('Completed');
  const manifest = ManifestSchema.parse(view.manifest);
  expect(manifest.status).toBe('Completed');
  const json = async (name: string) => {
    const response = await api.artifact(id, name);
    expect(response.status, name).toBe(200);
    return (await response.json()) as unknown;
  };
  const transcript = TranscriptSchema.parse(await json('transcript'));
  expect(transcript.segments.length).toBeGreaterThan(0);
  HealthAnalysisSchema.parse(await json('health'));
  const validation = validateBundle((await json('fhir')) as never);
  expect(validation.valid, JSON.stringify(validation.issues.slice(0, 3))).toBe(true);
  const note = NoteSchema.parse(await json('note'));
  const ids = new Set(transcript.segments.map((s) => s.id));
  const sentences = note.sections.flatMap((s) => s.sentences);
  expect(sentences.length).toBeGreaterThan(0);
  for (const sentence of sentences) for (const evidence of sentence.evidence) expect(ids.has(evidence)).toBe(true);
  const markdown = await api.artifact(id, 'note.md');
  expect(markdown.headers.get('content-type')).toMatch(/markdown/);
  const report = await api.artifact(id, 'report');
  expect(report.headers.get('content-type')).toMatch(/text\/html/);
  expect(await report.text()).toMatch(/<html/i);
  const stages = manifest.timings.map((t) => t.stage);
  for (const stage of ['planChunks', 'analyzeHealth', 'buildFhir', 'writeNote', 'finalize'] as const)
    expect(stages).toContain(stage);
}

/** A plain-text transcript of a scripted encounter, labelled by role. */
export function scriptToText(script: {
  speakers: Record<string, { role: string }>;
  turns: { speaker: string; text: string }[];
}): string {
  const label = (speaker: string) => (script.speakers[speaker]?.role === 'clinician' ? 'Doctor' : 'Patient');
  return script.turns.map((t) => `${label(t.speaker)}: ${t.text}`).join('\n') + '\n';
}

/** The same as WebVTT with voice tags and 3-second cues. */
export function scriptToVtt(script: {
  speakers: Record<string, { role: string }>;
  turns: { speaker: string; text: string }[];
}): string {
  const stamp = (s: number) =>
    `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
  const voice = (speaker: string) => (script.speakers[speaker]?.role === 'clinician' ? 'Dr. Evans' : 'Patient');
  return (
    'WEBVTT\n\n' +
    script.turns
      .map((t, i) => `${i + 1}\n${stamp(i * 3)} --> ${stamp(i * 3 + 3)}\n<v ${voice(t.speaker)}>${t.text}</v>\n`)
      .join('\n')
  );
}
