import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Temporary files (copies of uploads, decoded audio) hold PHI, so they live in one folder readable by the owner
 * only — `CLINSCRIBE_TEMP_DIR` (the embedded host's samples put it in the data folder), else `<os temp>/clinscribe`
 * — each under a directory named by the owning process id, so that a start can sweep what a killed process left.
 */
export function tempRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CLINSCRIBE_TEMP_DIR || join(tmpdir(), 'clinscribe'));
}

/** A new private directory for one step's files; the caller removes it when done. */
export async function makeTempDir(kind: string, root = tempRoot()): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  return mkdtemp(join(root, `p${process.pid}-${kind}-`));
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the directories of processes that no longer run (killed mid-step); returns how many. */
export async function sweepTempDirs(root = tempRoot()): Promise<number> {
  const entries = await readdir(root).catch(() => [] as string[]);
  let swept = 0;
  for (const entry of entries) {
    const pid = Number(/^p(\d+)-/.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, entry), { recursive: true, force: true });
    swept++;
  }
  return swept;
}
