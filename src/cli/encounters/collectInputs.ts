import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import fg from 'fast-glob';

import { NonRetriableError } from '../../errors';

/** Extensions picked up from folders (files named explicitly are always taken; their content decides). */
export const INPUT_EXTENSIONS = ['wav', 'mp3', 'm4a', 'ogg', 'opus', 'flac', 'webm', 'txt', 'vtt', 'pdf'];

/** Files named on the command line, with folders expanded (recursively, supported extensions only), sorted. */
export async function collectInputs(paths: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new NonRetriableError('NotFound', `No such file or folder: ${path}`);
    if (info.isFile()) files.add(resolve(path));
    else if (info.isDirectory()) {
      const found = await fg(`**/*.{${INPUT_EXTENSIONS.join(',')}}`, {
        cwd: path,
        absolute: true,
        caseSensitiveMatch: false,
        onlyFiles: true,
      });
      for (const file of found) files.add(resolve(file));
    }
  }
  if (files.size === 0) throw new NonRetriableError('NoInputs', 'No input files found');
  return [...files].sort();
}
