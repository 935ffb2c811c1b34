/**
 * Seed benchmark of the embedded Durable engine: N orchestrations started at once, each calling 5 activities in
 * sequence (`Hello, {city}!`), SQLite store on disk, functions invoked through the app's real programming model.
 * Every N runs with both commit settings side by side (FULL, the default, and NORMAL, in the order FULL NORMAL
 * NORMAL FULL) so their ratio is measured under the same load. Usage: node dist/bench/durable.js [N…]   (default:
 * 500 5000). Last lines: the FULL/NORMAL ratio and `work items/s: X` (FULL) for the largest N.
 * A work item is one orchestrator episode or one activity execution (N × 11 for this shape).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DurableEngine } from '../host/durable/durableEngine';
import { type Durability, DurableStore } from '../host/durable/durableStore';
import { startInstance } from '../host/durable/instanceCommands';
import { loadApp } from '../host/functions/loadApp';

const appDir = path.resolve(__dirname, '../../tests/fixtures/apps/durable-bench');
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (m: string, f?: Record<string, unknown>) => console.error(m, f),
};

interface Result {
  n: number;
  durability: Durability;
  seconds: number;
  orchestrationsPerSec: number;
  workItemsPerSec: number;
  /** Work items per second of this process's CPU time (comparable on a loaded machine). */
  workItemsPerCpuSec: number;
}

async function run(n: number, durability: Durability): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-bench-'));
  const app = await loadApp(appDir, { log: quiet });
  const store = new DurableStore(path.join(dir, 'durable.db'), durability);
  const durable = (app.hostJson.extensions as { durableTask: Record<string, number> }).durableTask;
  const engine = new DurableEngine({ store, invoker: app.invoker, log: quiet, options: durable });
  engine.start();
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: n }, (_, i) => startInstance(engine.ctx, 'HelloCities', `bench-${i}`, undefined)),
  );
  await engine.whenIdle();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const completed = store.countsByStatus().Completed ?? 0;
  if (completed !== n) throw new Error(`only ${completed} of ${n} orchestrations completed`);
  const workItems = engine.stats.episodes + engine.stats.activities;
  await engine.stop();
  store.close();
  await app.terminate();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    n,
    durability,
    seconds,
    orchestrationsPerSec: n / seconds,
    workItemsPerSec: workItems / seconds,
    workItemsPerCpuSec: workItems / cpuSeconds,
  };
}

const fmt = (r: Result) =>
  `N=${r.n} ${r.durability.toUpperCase().padEnd(6)}: ${r.seconds.toFixed(2)} s, ${r.orchestrationsPerSec.toFixed(0)} ` +
  `orchestrations/s, ${r.workItemsPerSec.toFixed(0)} work items/s (${r.workItemsPerCpuSec.toFixed(0)} per ` +
  `CPU-second), load ${os.loadavg()[0]?.toFixed(1)}`;

/** Work items per second over several runs of one setting (total items / total seconds). */
const rate = (rs: Result[]) =>
  rs.reduce((a, r) => a + r.workItemsPerSec * r.seconds, 0) / rs.reduce((a, r) => a + r.seconds, 0);

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  await run(100, 'full'); // warm-up (JIT, lazily loaded modules): not reported
  let ratio = 0;
  let fullRate = 0;
  for (const n of sizes.length > 0 ? sizes : [500, 5000]) {
    // FULL, NORMAL, NORMAL, FULL: a load that drifts during the measurement weighs on both settings alike.
    const results: Result[] = [];
    for (const durability of ['full', 'normal', 'normal', 'full'] as const) {
      const r = await run(n, durability);
      console.log(fmt(r));
      results.push(r);
    }
    fullRate = rate(results.filter((r) => r.durability === 'full'));
    const normalRate = rate(results.filter((r) => r.durability === 'normal'));
    ratio = fullRate / normalRate;
    console.log(`N=${n}: FULL ${fullRate.toFixed(0)} vs NORMAL ${normalRate.toFixed(0)} work items/s`);
  }
  console.log(`FULL/NORMAL work items/s: ${(ratio * 100).toFixed(0)} %`);
  console.log(`work items/s: ${Math.round(fullRate)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
