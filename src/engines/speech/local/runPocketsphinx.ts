import { spawn } from 'node:child_process';

import { NonRetriableError, TransientError } from '../../../errors';

/** Where the recognizer and its models are. Undefined model paths mean the Debian package defaults. */
export interface PocketsphinxOptions {
  binary?: string;
  dict?: string;
  lm?: string;
  hmm?: string;
  signal?: AbortSignal;
}

/** Runs `pocketsphinx_continuous` on one 16 kHz mono wav and returns its timed output. */
export function runPocketsphinx(wavPath: string, options: PocketsphinxOptions = {}): Promise<string> {
  const args = ['-infile', wavPath, '-time', 'yes', '-logfn', '/dev/null'];
  if (options.hmm) args.push('-hmm', options.hmm);
  if (options.dict) args.push('-dict', options.dict);
  if (options.lm) args.push('-lm', options.lm);
  return new Promise((resolve, reject) => {
    const child = spawn(options.binary ?? 'pocketsphinx_continuous', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 8192) err += d.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(
          new NonRetriableError(
            'SpeechEngineUnavailable',
            'pocketsphinx_continuous is not installed (Debian packages pocketsphinx and pocketsphinx-en-us).',
          ),
        );
      } else reject(new TransientError('SpeechEngineFailed', `pocketsphinx failed to run: ${e.message}`, { cause: e }));
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new TransientError(
            'SpeechEngineFailed',
            `pocketsphinx exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`.slice(0, 300),
          ),
        );
    });
  });
}
