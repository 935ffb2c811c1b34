import { createRequire } from 'node:module';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type * as LogModule from '../../src/log';
import type { TestHost } from '../helpers/hostHarness';
import { type FakeService, startFakeLanguageService } from '../unit/health/fakeLanguageService';
import { Api, APP_DIR, expectCompleteEncounter, startPipelineHost } from './pipeline-helpers';

// The health engine makes 6 attempts per call itself; 6 scripted 503s exhaust them, so the activity throws a
// transient error and the orchestrator's retry policy (first retry after 2 s) runs it again, which then succeeds.
const FAILURES = 6;

let fake: FakeService;
let host: TestHost;
let api: Api;
const appLog: string[] = [];

beforeAll(async () => {
  fake = await startFakeLanguageService({
    submitFailures: Array<number>(FAILURES).fill(503),
    retryAfter: '0',
    key: 'test-key',
  });
  host = await startPipelineHost({ LANGUAGE_ENGINE: 'azure', LANGUAGE_ENDPOINT: fake.url, LANGUAGE_KEY: 'test-key' });
  api = new Api(host);
  // The app runs in this process from dist/: capture its (PHI-safe) log lines through its own logger.
  const appLogger = createRequire(__filename)(join(APP_DIR, 'dist/src/log.js')) as typeof LogModule;
  appLogger.setLogSink((line) => appLog.push(line));
});
afterAll(async () => {
  await host?.stop();
  await fake?.close();
});

describe('pipeline on the embedded host: transient failures', () => {
  it('an activity that throws a transient error is retried by the orchestration and the encounter completes', async () => {
    const text = 'Doctor: Any fever?\nPatient: Yes, a fever since Sunday. I take metformin 500 mg twice a day.\n';
    const { encounterId } = await api.upload(Buffer.from(text));
    const done = await api.settle(encounterId, undefined, 120_000);
    expect(done.runtime?.runtimeStatus, JSON.stringify(done.manifest?.error)).toBe('Completed');
    await expectCompleteEncounter(api, encounterId);
    const submits = fake.requests.filter((r) => r.method === 'POST');
    expect(submits.length).toBe(FAILURES + 1);
    const steps = appLog
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.stage === 'analyzeHealth');
    expect(steps.filter((l) => l.event === 'step.failed')).toEqual([
      expect.objectContaining({ retriable: true, encounterId }),
    ]);
    expect(steps.filter((l) => l.event === 'step.completed').length).toBeGreaterThanOrEqual(2);
    const health = (await (await api.artifact(encounterId, 'health')).json()) as {
      engine: string;
      entities: { text: string }[];
    };
    expect(health.engine).toMatch(/azure|ta4h/i);
    expect(health.entities.map((e) => e.text)).toContain('metformin');
  });
});
