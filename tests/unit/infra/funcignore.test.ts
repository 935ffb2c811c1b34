/**
 * The deployment package: azd (and Core Tools) upload the project folder minus the `.funcignore` patterns
 * (gitignore syntax). This builds that file list from the working tree — plus stand-ins for the local folders a
 * developer's checkout has (`.data/` with Azurite blobs, keys.json and the Durable store, `.git`, `node_modules`,
 * `dist`) — and checks that no PHI-bearing or dev-only path is in it and that everything the remote build and the
 * runtime need is: every relative import of a packaged source resolves to a packaged file.
 */
import fs from 'node:fs';
import path from 'node:path';

import ignore from 'ignore';
import { describe, expect, it } from 'vitest';

import { readRepoFile, ROOT } from './bicepText';

/** Folders walked only by a stand-in file: they are large, or may not exist on this machine. */
const STAND_INS: Record<string, string[]> = {
  '.data': ['.data/keys.json', '.data/azurite/__blobstorage__/0f/blob', '.data/azurite/__azurite_db_blob__.json'],
  '.git': ['.git/config', '.git/HEAD'],
  node_modules: ['node_modules/zod/package.json'],
  dist: ['dist/src/config.js'],
  coverage: ['coverage/index.html'],
  '.azure': ['.azure/dev/.env'],
};
const EXTRA = ['local.settings.json', 'receipts.sqlite', 'host-debug.log', 'tests/fixtures/.generated/visit.wav'];

function walk(dir: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!dir && entry.name in STAND_INS) continue;
      walk(rel, out);
    } else out.push(rel);
  }
  return out;
}

const candidates = [...new Set([...walk('', []), ...Object.values(STAND_INS).flat(), ...EXTRA])];
const rules = ignore().add(readRepoFile('.funcignore'));
const packaged = new Set(candidates.filter((file) => !rules.ignores(file)));

/** Relative imports of a TypeScript file, resolved to repository paths. */
function relativeImports(file: string): string[] {
  const text = readRepoFile(file);
  const specs = [...text.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const options = [base, `${base}.ts`, `${base.replace(/\.js$/, '')}.ts`, `${base}/index.ts`];
    return options.find((o) => packaged.has(o)) ?? base;
  });
}

describe('.funcignore: the deployment package', () => {
  it('walks the tree (guards the walker)', () => {
    expect(candidates.length).toBeGreaterThan(300);
    expect(candidates).toContain('src/config.ts');
  });

  it.each([
    '.data/',
    '.git/',
    '.azure/',
    'node_modules/',
    'dist/',
    'coverage/',
    'tests/',
    'bench/',
    'host/',
    'docs/',
    'samples/',
    'infra/',
    '.github/',
  ])('leaves out %s', (prefix) => {
    const leaked = [...packaged].filter((file) => file.startsWith(prefix));
    expect(leaked).toEqual([]);
  });

  it('leaves out keys, local settings, databases, logs and tests beside the sources', () => {
    const leaked = [...packaged].filter((file) =>
      /(^|\/)(keys\.json|local\.settings\.json)$|\.sqlite|\.log$|\.test\.ts$/.test(file),
    );
    expect(leaked).toEqual([]);
  });

  it.each(['package.json', 'package-lock.json', 'host.json', 'tsconfig.json', 'web/index.html', 'web/app.js'])(
    'ships %s',
    (file) => {
      expect(packaged.has(file)).toBe(true);
    },
  );

  it('ships every source the build compiles into the app (package.json main) and the lexicon data', () => {
    const needed = candidates.filter(
      (file) => /^(src|activities|orchestrators)\/.*\.ts$/.test(file) && !file.endsWith('.test.ts'),
    );
    expect(needed.length).toBeGreaterThan(100);
    for (const file of needed) expect(packaged.has(file), file).toBe(true);
    expect(packaged.has('src/engines/health/local/data/lexicon.json')).toBe(true);
  });

  it('every relative import of a packaged source resolves to a packaged file (nothing imports host/, bench/ or tests/)', () => {
    const sources = [...packaged].filter((file) => file.endsWith('.ts'));
    expect(sources.flatMap(relativeImports).length).toBeGreaterThan(300);
    const missing = sources.flatMap((file) =>
      relativeImports(file)
        .filter((target) => !packaged.has(target))
        .map((target) => `${file} → ${target}`),
    );
    expect(missing).toEqual([]);
  });
});
