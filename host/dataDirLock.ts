import fs from 'node:fs';
import path from 'node:path';

import { HostStartupError } from './hostStartupError';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
};

/**
 * Takes `<dataDir>/host.lock` (the owning process id), so a second host on the same data folder refuses to start
 * instead of sharing its SQLite stores and Azurite files. A lock left by a process that no longer runs (killed)
 * is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'host.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(fs.readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new HostStartupError(
        `Another host (process ${owner}) is using the data folder ${dataDir}: stop it, or start this host with ` +
          'another --data folder.',
      );
    }
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new HostStartupError(`Could not lock the data folder ${dataDir} (${file}).`);
}
