#!/usr/bin/env node
// Installs the Debian packages Clinscribe needs (offline speech, test audio, browser tests) when they are
// missing. As root it runs apt-get itself; otherwise it stops with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const purpose = process.argv[2] ?? 'start';
/** Package → a file it installs, so we can tell whether it is present without dpkg. */
const packages = {
  start: {
    pocketsphinx: '/usr/bin/pocketsphinx_batch',
    'pocketsphinx-en-us': '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin',
    // sphinx_lm_convert: builds the clinical language model's binary at install (scripts/speech-model/install.mjs).
    'sphinxbase-utils': '/usr/bin/sphinx_lm_convert',
    ffmpeg: '/usr/bin/ffmpeg',
  },
  test: {
    pocketsphinx: '/usr/bin/pocketsphinx_batch',
    'pocketsphinx-en-us': '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin',
    ffmpeg: '/usr/bin/ffmpeg',
    'sphinxbase-utils': '/usr/bin/sphinx_lm_convert',
    // flite also ships t2p (pronunciations of the clinical dictionary); irstlm rebuilds the clinical n-gram model
    // (npm run speech-model:build); pocketsphinx-testdata has the LibriVox clips of npm run eval:speech.
    flite: '/usr/bin/flite',
    irstlm: '/usr/lib/irstlm/bin/build-lm.sh',
    'pocketsphinx-testdata': '/usr/share/pocketsphinx/test/data/librivox/transcription',
    sox: '/usr/bin/sox',
    chromium: '/usr/bin/chromium',
  },
};
const wanted = packages[purpose] ?? packages.start;
const missing = Object.entries(wanted)
  .filter(([, file]) => !existsSync(file))
  .map(([name]) => name);
if (missing.length === 0) process.exit(0);
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.warn(
    `clinscribe: missing system packages (${missing.join(', ')}); offline engines that need them will fail.`,
  );
  process.exit(0);
}
const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(`clinscribe: missing system packages: ${missing.join(', ')}\nRun:\n  sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`clinscribe: installing ${missing.join(', ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
