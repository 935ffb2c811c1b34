import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { decodeUtf8, run as analyze } from '../../../src/cli/analyze';
import { contextLine } from '../../../src/cli/context';
import { ClinscribeError } from '../../../src/errors';
import type { HealthAnalysis } from '../../../src/model/health';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  vi.stubEnv('LANGUAGE_ENGINE', 'local');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
const dir = mkdtempSync(join(tmpdir(), 'clinscribe-analyze-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('clinscribe analyze', () => {
  it('prints the health JSON with offsets into the file text', async () => {
    const text = 'No chest pain.\nTake lisinopril ten milligrams once a day.';
    expect(await analyze([file('a.txt', text)])).toBe(0);
    const result = JSON.parse(out) as HealthAnalysis;
    expect(result.engine).toBe('local');
    for (const e of result.entities) expect(text.slice(e.offset, e.offset + e.length)).toBe(e.text);
    expect(result.entities.find((e) => e.text === 'lisinopril')).toMatchObject({
      segmentId: 's2',
      codes: [expect.objectContaining({ code: '29046' })],
    });
    expect(result.entities.find((e) => e.text === 'chest pain')?.assertion).toEqual({ certainty: 'negative' });
  });

  it.each([
    ['empty text', '', 'EmptyInput'],
    ['whitespace only', ' \n\n ', 'EmptyInput'],
    ['text with no clinical content', 'The train leaves at noon from platform nine.', 'NoClinicalContent'],
  ])('answers %s with an empty analysis and a warning', async (_, content, code) => {
    expect(await analyze([file(`${code}.txt`, content)])).toBe(0);
    const result = JSON.parse(out) as HealthAnalysis;
    expect(result.entities).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual([code]);
  });

  it('refuses bytes that are not UTF-8 with a clear error', async () => {
    const path = file('latin1.txt', Buffer.from([0x66, 0x69, 0xe8, 0x76, 0x72, 0x65, 0x0a]));
    const error = await analyze([path]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClinscribeError);
    expect((error as ClinscribeError).code).toBe('InvalidEncoding');
    expect(() => decodeUtf8(new Uint8Array([0xff]))).toThrow(/not valid UTF-8/);
    expect(decodeUtf8(new TextEncoder().encode('fièvre 👍🏽'))).toBe('fièvre 👍🏽');
  });

  it('rejects bad arguments with a one-line reason', async () => {
    expect(await analyze([])).toBe(2);
    expect(await analyze(['a', 'b'])).toBe(2);
    expect(await analyze(['x.txt', '--engine', 'magic'])).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(3);
  });
});

describe('clinscribe context', () => {
  it('answers each JSON line with the four assertion kinds', () => {
    const { output, ok } = contextLine(JSON.stringify({ id: 'n1', text: 'My mother had a stroke.', term: 'stroke' }));
    expect(ok).toBe(true);
    expect(JSON.parse(output)).toEqual({
      id: 'n1',
      certainty: 'positive',
      conditionality: null,
      association: 'other',
      temporal: 'past',
    });
  });

  it.each([
    ['not json', { id: null, error: 'invalid JSON' }],
    ['{"id":"x","text":1,"term":"fever"}', { id: 'x', error: 'expected string fields "text" and "term"' }],
    ['null', { id: null, error: 'expected string fields "text" and "term"' }],
  ])('reports a bad line %s', (line, expected) => {
    const { output, ok } = contextLine(line);
    expect(ok).toBe(false);
    expect(JSON.parse(output)).toEqual(expected);
  });
});
