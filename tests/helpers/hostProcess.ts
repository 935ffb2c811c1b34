/**
 * A host in its own process, for tests that SIGKILL it: spawns a runner script that prints
 * `READY <baseUrl> <key>` once it accepts requests (tests/fixtures/apps/*-runner), and kills it without warning.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface HostProcess {
  proc: ChildProcess;
  baseUrl: string;
  key: string;
}

/**
 * Starts `node <runner> …args` with `env` added; resolves at READY, rejects if the process exits first. `onSpawn`
 * gets the process at once (so a test can kill one that never becomes ready), `onStdout` its output.
 */
export function spawnHostProcess(
  runner: string,
  args: string[],
  env: Record<string, string>,
  hooks: { onSpawn?: (proc: ChildProcess) => void; onStdout?: (text: string) => void } = {},
): Promise<HostProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [runner, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    hooks.onSpawn?.(proc);
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      hooks.onStdout?.(chunk.toString());
      const m = /READY (\S+) (\S+)/.exec(out);
      if (m?.[1] && m[2]) resolve({ proc, baseUrl: m[1], key: m[2] });
    });
    proc.once('exit', (code) => reject(new Error(`host exited early (${String(code)})`)));
  });
}

/** SIGKILL (no shutdown of any kind); resolves once the process is gone. */
export function killHostProcess(proc: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}
