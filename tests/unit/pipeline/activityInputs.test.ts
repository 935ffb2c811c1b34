import { describe, expect, it } from 'vitest';

import { analyzeHealth } from '../../../activities/analyzeHealth';
import { buildFhir } from '../../../activities/buildFhir';
import { exportFhir } from '../../../activities/exportFhir';
import { extractDocument } from '../../../activities/extractDocument';
import { finalize } from '../../../activities/finalize';
import type { StepDeps } from '../../../activities/lib/deps';
import { mergeHealth } from '../../../activities/mergeHealth';
import { planChunks } from '../../../activities/planChunks';
import { recordFailure } from '../../../activities/recordFailure';
import { recordStatus } from '../../../activities/recordStatus';
import { transcribe } from '../../../activities/transcribe';
import { writeNote } from '../../../activities/writeNote';
import { PipelineInputSchema, SafeBlobNameSchema } from '../../../src/model/stepInputs';

/** Any I/O attempt fails the test: a hostile input must be refused before storage or an engine is touched. */
const noIo: StepDeps = {
  blobs: () => {
    throw new Error('I/O attempted');
  },
  config: () => {
    throw new Error('config read attempted');
  },
};
const id = 'enc-0123456789abcdef';
const source = { container: 'uploads', name: 'a.wav', etag: '"1"', type: 'wav' };
type Call = (input: never, deps: StepDeps) => Promise<unknown>;
const cases: [string, Call, unknown][] = [
  ['transcribe', transcribe as Call, { encounterId: '../uploads/x', source, locale: 'en-US' }],
  ['transcribe', transcribe as Call, { encounterId: id, source: { ...source, type: '../../etc' }, locale: 'en-US' }],
  ['transcribe', transcribe as Call, { encounterId: id, source: { ...source, container: 'other' }, locale: 'en-US' }],
  ['extractDocument', extractDocument as Call, { encounterId: id, source: { ...source, name: 'a/../../b' } }],
  ['extractDocument', extractDocument as Call, { encounterId: id, source: { ...source, name: '/abs' } }],
  ['planChunks', planChunks as Call, { encounterId: 'enc-XYZ', maxGraphemes: 100 }],
  ['planChunks', planChunks as Call, { encounterId: id, maxGraphemes: -1 }],
  ['analyzeHealth', analyzeHealth as Call, { encounterId: id, index: 'x' }],
  ['mergeHealth', mergeHealth as Call, { encounterId: id, count: 1e9, startedAt: '2026-01-01T00:00:00Z' }],
  ['buildFhir', buildFhir as Call, { encounterId: 'enc-00000000/../x' }],
  ['writeNote', writeNote as Call, { encounterId: id, template: 'evil' }],
  ['exportFhir', exportFhir as Call, {}],
  ['finalize', finalize as Call, { encounterId: id, outcome: 'Pwned' }],
  ['recordFailure', recordFailure as Call, { encounterId: '..', stage: 'intake', code: 'X', message: 'm' }],
  ['recordStatus', recordStatus as Call, { encounterId: id, status: 'Completed' }],
  ['recordStatus', recordStatus as Call, null],
];

describe('activities refuse hostile input before any I/O', () => {
  it.each(cases)('%s %#', async (_name, call, input) => {
    const result = await call(input as never, noIo);
    expect(result).toMatchObject({ ok: false, code: 'InvalidInput' });
    expect((result as { message: string }).message).toMatch(/^Invalid \w+ input \(/);
  });
});

describe('blob names and pipeline input', () => {
  it.each([
    ['3f2a.wav', true],
    ['folder/visit 1.wav', true],
    ['name\nwith newline.txt', true],
    ['../x', false],
    ['a/./b', false],
    ['a//b', false],
    ['/a', false],
    ['a\\b', false],
    ['', false],
  ])('%j safe: %s', (name, ok) => {
    expect(SafeBlobNameSchema.safeParse(name).success).toBe(ok);
  });

  it('keeps fields it does not know (added later by others) and checks the ones it does', () => {
    const input = {
      encounterId: id,
      source,
      options: { template: 'soap', review: false, locale: 'en-US', reviewTimeoutHours: 1, chunkGraphemes: 5000, x: 1 },
      exportFhir: false,
      extra: true,
    };
    expect(PipelineInputSchema.parse(input)).toMatchObject({ extra: true, options: { x: 1 } });
    expect(PipelineInputSchema.safeParse({ ...input, options: { ...input.options, locale: '../x' } }).success).toBe(
      false,
    );
  });
});
