import { app } from '@azure/functions';

import { log } from '../log';
import { sweepTempDirs } from '../tempFiles';

/** At start, removes the temporary files (PHI) that processes killed mid-step left behind (DESIGN.md §7). */
export async function sweepAtStart(): Promise<number> {
  const swept = await sweepTempDirs();
  log.info('temp.swept', { count: swept });
  return swept;
}

app.hook.appStart(async () => {
  await sweepAtStart();
});
