/**
 * Crash test: a separate host process runs 50 orchestrations of 5 sequential activities and is SIGKILLed at random
 * moments 10 times. After the last restart every orchestration completes with the right output, and only
 * activities in flight at a kill ran twice. Needs the built host (`npm run build`, which `npm test` runs first).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { killHostProcess, spawnHostProcess } from '../helpers/hostProcess';

const root = path.resolve(__dirname, '../..');
const runner = path.join(root, 'tests/fixtures/apps/durable-runner/runHost.js');
const appDir = path.join(root, 'tests/fixtures/apps/durable-hello');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-crash-'));
const logFile = path.join(dataDir, 'executions.log');
const INSTANCES = 50;
const STEPS = 5;
const KILLS = 10;
const MAX_CONCURRENT_ACTIVITIES = 8; // host.json of the fixture

let child: ChildProcess | undefined;

function startHostProcess(): Promise<{ baseUrl: string; key: string }> {
  const env = { DURABLE_FIXTURE_LOG: logFile, DURABLE_FIXTURE_HUB: 'CrashHub' };
  return spawnHostProcess(runner, [appDir, dataDir], env, { onSpawn: (proc) => (child = proc) });
}

const kill = () => killHostProcess(child);

afterAll(async () => {
  await kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durable engine crash safety (separate process, SIGKILL ×10)', () => {
  it('completes all 50 orchestrations with correct output; only in-flight activities repeat', async () => {
    if (!fs.existsSync(path.join(root, 'dist/host/durable/durableExtension.js')))
      throw new Error('build first: npm run build');
    let host = await startHostProcess();
    const url = (p: string, q = '') => `${host.baseUrl}/runtime/webhooks/durabletask${p}?code=${host.key}${q}`;
    for (let i = 0; i < INSTANCES; i++) {
      const res = await fetch(url(`/orchestrators/SlowSequence/crash-${i}`), {
        method: 'POST',
        body: JSON.stringify({ steps: STEPS, delayMs: 60 }),
      });
      expect(res.status).toBe(202);
    }
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
      await kill();
      host = await startHostProcess();
    }
    const deadline = Date.now() + 60_000;
    let completed: { instanceId: string; output: string[] }[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(url('/instances', '&runtimeStatus=Completed&top=1000&instanceIdPrefix=crash-'));
      completed = (await res.json()) as typeof completed;
      if (completed.length === INSTANCES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(completed.length).toBe(INSTANCES);
    for (const s of completed) {
      expect(s.output).toEqual(Array.from({ length: STEPS }, (_, step) => `Hello, ${s.instanceId}-${step}!`));
    }
    // Every step ran at least once; runs beyond one per step were in flight at a kill (at most the concurrency
    // limit per kill), never a step whose result had been committed before the kill it survived.
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    const perStep = new Map<string, number>();
    for (const line of lines) perStep.set(line, (perStep.get(line) ?? 0) + 1);
    expect(perStep.size).toBe(INSTANCES * STEPS);
    const repeated = lines.length - INSTANCES * STEPS;
    expect(repeated).toBeLessThanOrEqual(KILLS * MAX_CONCURRENT_ACTIVITIES);
    for (const s of completed) {
      const res = await fetch(url(`/instances/${s.instanceId}`, '&showHistory=true'));
      const history = ((await res.json()) as { historyEvents: { EventType: string }[] }).historyEvents;
      expect(history.filter((e) => e.EventType === 'TaskCompleted')).toHaveLength(STEPS);
    }
    console.log(`durable crash test: ${KILLS} kills, ${INSTANCES * STEPS} activities, ${repeated} repeated executions`);
  }, 180_000);
});
