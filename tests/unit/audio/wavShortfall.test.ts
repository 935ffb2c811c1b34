import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { wavHeader, wavShortfall } from '../../../src/engines/audio/wavFile';

const dir = mkdtempSync(join(tmpdir(), 'clinscribe-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

describe('a cut-off wav is told apart from a silent one (issue 10 item 11)', () => {
  it.each([
    ['declares 10 s, holds 0.25 s', Buffer.concat([wavHeader(320_000, 16000), Buffer.alloc(8000)]), true],
    ['complete', Buffer.concat([wavHeader(8000, 16000), Buffer.alloc(8000)]), false],
    ['streamed (length 0)', Buffer.concat([wavHeader(0, 16000), Buffer.alloc(8000)]), false],
    ['not a wav', Buffer.from('Doctor: hello'), false],
  ])('%s', async (_name, data, truncated) => {
    expect(Boolean(await wavShortfall(file(`${String(truncated)}-${data.length}.wav`, data)))).toBe(truncated);
  });
});
