import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

let found: boolean | undefined;

/**
 * Whether the offline speech engine can run here: `pocketsphinx_continuous` is an executable on PATH (Debian's
 * pocketsphinx package). A Flex Consumption instance has none, since nothing can be apt-installed there.
 */
export function hasPocketsphinx(path = process.env.PATH ?? ''): boolean {
  if (found !== undefined && path === process.env.PATH) return found;
  const result = path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, 'pocketsphinx_continuous'), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  if (path === process.env.PATH) found = result;
  return result;
}
