/**
 * Long Azure service jobs are polled by the orchestrator (DESIGN.md §4), so a host restart between polls costs
 * nothing: the real app runs on the embedded host in a separate process (built dist/), against fakes of the Speech
 * batch transcription (2024-11-15) and Text Analytics for Health (2024-11-01) REST APIs and an Azurite owned by the
 * test. The host is SIGKILLed between two status checks and restarted; the encounter completes without a second
 * job submission. A run without a restart shows the orchestration history of a long job: timers and one short
 * status activity per service status check, nothing waiting inside an activity.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningAzurite, startAzurite } from '../../host/blob/startAzurite';
import { type HostProcess, killHostProcess, spawnHostProcess } from '../helpers/hostProcess';
import { synthesizeSentence } from '../helpers/synthesize';
import { type FakeService, startFakeLanguageService } from '../unit/health/fakeLanguageService';
import { job, service, type StatusReply } from '../unit/speech/fakeBatchJob';
import { type FakeSpeechService, startFakeSpeechService } from '../unit/speech/fakeSpeechService';

const root = path.resolve(__dirname, '../..');
const runner = path.join(root, 'tests/fixtures/apps/pipeline-runner/runPipelineHost.js');

type Host = HostProcess;
/** The Durable HTTP API's history shape: completions name their function; timers show when they fired. */
type History = { EventType: string; FunctionName?: string }[];

let azurite: RunningAzurite;
let speech: FakeSpeechService;
let language: FakeService;
let wav: Buffer;
const hosts: Host[] = [];
/** The host processes' stdout (the app's PHI-free log lines), printed when a wait times out. */
let hostOutput = '';
const dirs: string[] = [];

async function startHostProcess(dataDir: string, env: Record<string, string>): Promise<Host> {
  const settings = JSON.stringify({ AzureWebJobsStorage: azurite.connectionString, ...env });
  const host = await spawnHostProcess(
    runner,
    [dataDir],
    { PIPELINE_HOST_ENV: settings },
    {
      onStdout: (text) => {
        hostOutput += text;
      },
    },
  );
  hosts.push(host);
  return host;
}

const kill = (host: Host) => killHostProcess(host.proc);

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      process.stderr.write(`host output before the timeout:\n${hostOutput.slice(-8000)}\n`);
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const api = (host: Host, p: string, init: RequestInit = {}) =>
  fetch(`${host.baseUrl}${p}`, { ...init, headers: { ...init.headers, 'x-functions-key': host.key } });

async function upload(host: Host, body: Buffer): Promise<string> {
  const res = await api(host, '/api/encounters', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  const json = (await res.json()) as { encounterId: string };
  expect(res.status, JSON.stringify(json)).toBe(202);
  return json.encounterId;
}

/** Waits for a final runtime status (a host may be restarting: network errors are retried). */
async function settle(host: () => Host, id: string): Promise<string> {
  const url = `/runtime/webhooks/durabletask/instances/${id}`;
  return until(
    async () => {
      const res = await api(host(), url).catch(() => undefined);
      if (!res?.ok) return undefined;
      const status = ((await res.json()) as { runtimeStatus: string }).runtimeStatus;
      return ['Completed', 'Failed', 'Terminated'].includes(status) ? status : undefined;
    },
    `encounter ${id} to finish`,
    200_000,
  ).catch(async (error: unknown) => {
    const state = await (await api(host(), `${url}?showHistory=true`)).text();
    process.stderr.write(`instance at timeout: ${state.slice(0, 6000)}\n`);
    throw error;
  });
}

async function history(host: Host, id: string): Promise<History> {
  const res = await api(host, `/runtime/webhooks/durabletask/instances/${id}?showHistory=true`);
  return ((await res.json()) as { historyEvents: History }).historyEvents;
}

/** Names of the activities the history completed, in order. */
const completed = (events: History) => events.filter((e) => e.EventType === 'TaskCompleted').map((e) => e.FunctionName);

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist/host/start.js'))) throw new Error('build first: npm run build');
  const [s, l, file] = await Promise.all([
    startFakeSpeechService(),
    startFakeLanguageService({ key: 'lang-key', runningPolls: 4, pollRetryAfter: '1' }),
    synthesizeSentence('Any chest pain? No.', 'slt'),
  ]);
  [speech, language, wav] = [s, l, fs.readFileSync(file)];
}, 120_000);

// Each test has its own storage: a host's upload trigger must not see another test's uploads.
beforeEach(async () => {
  hostOutput = '';
  const azuriteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-azurite-'));
  dirs.push(azuriteDir);
  azurite = await startAzurite({ location: azuriteDir, blobPort: 0, queuePort: 0, tablePort: 0 });
}, 60_000);
afterEach(async () => {
  for (const host of hosts.splice(0)) await kill(host);
  await azurite?.stop();
});

afterAll(async () => {
  await Promise.all([speech?.close(), language?.close()]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const newDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-host-'));
  dirs.push(dir);
  return dir;
};
const speechEnv = {
  SPEECH_ENGINE: 'azure-batch',
  SPEECH_ENDPOINT: '',
  SPEECH_KEY: 'speech-key',
  LANGUAGE_ENGINE: 'local',
  NOTE_ENGINE: 'local',
};
const running: StatusReply = (base) => [200, job(base, 'Running'), { 'Retry-After': '1' }];
const succeeded: StatusReply = (base) => [200, job(base, 'Succeeded')];

describe('long service jobs across a host restart (separate host process, SIGKILL between polls)', () => {
  it('a batch transcription job polled several times survives a SIGKILL and completes without resubmitting', async () => {
    const counts = { submits: 0, polls: 0 };
    speech.script(service([running, running, running, running, running, succeeded], counts));
    const dataDir = newDataDir();
    const env = { ...speechEnv, SPEECH_ENDPOINT: speech.base };
    let host = await startHostProcess(dataDir, env);
    const id = await upload(host, wav);
    await until(() => counts.polls >= 2, 'two status checks');
    await kill(host);
    const pollsAtKill = counts.polls;
    host = await startHostProcess(dataDir, env);
    expect(await settle(() => host, id)).toBe('Completed');

    expect(counts.submits).toBe(1);
    expect(counts.polls).toBeGreaterThan(pollsAtKill);
    const transcript = (await (await api(host, `/api/encounters/${id}/transcript`)).json()) as { engine: string };
    expect(transcript.engine).toBe('azure-batch');
    const names = completed(await history(host, id));
    expect(names.filter((n) => n === 'transcribe')).toHaveLength(1);
    // Six status replies were scripted; a check in flight at the kill ran again after the restart, so its first
    // run is in the fake's count but not in the history.
    expect(names.filter((n) => n === 'pollTranscription').length).toBeGreaterThanOrEqual(5);
    expect(counts.polls).toBeGreaterThanOrEqual(6);
    expect(speech.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  }, 300_000);

  it('a Text Analytics for Health job survives a SIGKILL between polls and completes without resubmitting', async () => {
    const dataDir = newDataDir();
    const env = {
      ...speechEnv,
      SPEECH_ENGINE: 'local',
      LANGUAGE_ENGINE: 'azure',
      LANGUAGE_ENDPOINT: language.url,
      LANGUAGE_KEY: 'lang-key',
    };
    let host = await startHostProcess(dataDir, env);
    const text = 'Doctor: Any fever?\nPatient: Yes, a fever since Sunday. I take metformin 500 mg twice a day.\n';
    const id = await upload(host, Buffer.from(text));
    const gets = () => language.requests.filter((r) => r.method === 'GET').length;
    await until(() => gets() >= 2, 'two status checks');
    await kill(host);
    host = await startHostProcess(dataDir, env);
    expect(await settle(() => host, id)).toBe('Completed');

    expect(language.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const health = (await (await api(host, `/api/encounters/${id}/health`)).json()) as { entities: { text: string }[] };
    expect(health.entities.map((e) => e.text)).toContain('metformin');
    const names = completed(await history(host, id));
    expect(names.filter((n) => n === 'analyzeHealth')).toHaveLength(1);
    expect(names.filter((n) => n === 'pollHealth').length).toBeGreaterThanOrEqual(4);
    expect(gets()).toBeGreaterThanOrEqual(5);
  }, 300_000);

  it('the history of a long batch job is timers and short activities: one status check per activity, a timer before each', async () => {
    const counts = { submits: 0, polls: 0 };
    speech.script(service([running, running, running, succeeded], counts));
    const host = await startHostProcess(newDataDir(), { ...speechEnv, SPEECH_ENDPOINT: speech.base });
    const id = await upload(host, wav);
    expect(await settle(() => host, id)).toBe('Completed');

    const events = await history(host, id);
    const names = completed(events);
    const polls = names.filter((n) => n === 'pollTranscription').length;
    // Each status activity made exactly one status request to the service, and nothing else polled it.
    expect(polls).toBe(4);
    expect(counts).toEqual({ submits: 1, polls: 4 });
    // Between the submit and the transcript: only durable timers and status activities, each poll after a timer.
    const kinds = events
      .filter((e) => ['TimerFired', 'TaskCompleted'].includes(e.EventType))
      .map((e) => (e.EventType === 'TimerFired' ? 'timer' : e.FunctionName));
    const from = kinds.indexOf('transcribe');
    const to = kinds.lastIndexOf('pollTranscription');
    expect(kinds.slice(from, to + 1)).toEqual([
      'transcribe',
      ...Array.from({ length: polls }, () => ['timer', 'pollTranscription']).flat(),
    ]);
  }, 300_000);
});
