import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Bundle } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { run as runFhir } from '../../../src/cli/fhir';
import { run as runNote } from '../../../src/cli/note';
import type { Note } from '../../../src/model/note';
import { encounterFixture } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'clinscribe-cli-'));
const f = encounterFixture('enc-cough-uri');
const transcriptPath = join(dir, 'enc-cough-uri.json');
const healthPath = join(dir, 'health.json');
writeFileSync(transcriptPath, JSON.stringify(f.transcript));
writeFileSync(healthPath, JSON.stringify(f.analysis));

let out: string;
beforeEach(() => {
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('clinscribe fhir / note', () => {
  test('fhir prints a validated bundle; --created-at makes it reproducible', async () => {
    expect(await runFhir([transcriptPath, healthPath, '--created-at', '2026-11-23T10:00:00Z'])).toBe(0);
    const first = out;
    const bundle = JSON.parse(out) as Bundle;
    expect(bundle.type).toBe('document');
    expect(bundle.timestamp).toBe('2026-11-23T10:00:00Z');
    out = '';
    await runFhir([transcriptPath, healthPath, '--created-at', '2026-11-23T10:00:00Z']);
    expect(out).toBe(first);
  });

  test.each([
    [[transcriptPath], /expected <transcript.json> <health.json>/],
    [[healthPath, healthPath], /is not a transcript/],
    [[transcriptPath, join(dir, 'missing.json')], /cannot read health analysis/],
    [[transcriptPath, healthPath, '--created-at', 'yesterday'], /ISO date-time/],
  ])('fhir rejects bad input %#', async (args, message) => {
    await expect(runFhir(args)).rejects.toThrow(message);
  });

  test('note prints the note JSON for a template, or its Markdown', async () => {
    expect(await runNote([transcriptPath, healthPath, '--template', 'hp', '--engine', 'local'])).toBe(0);
    const note = JSON.parse(out) as Note;
    expect(note.template).toBe('hp');
    expect(note.sections[0]!.sentences[0]!.text).toBe('The patient presents with cough for five days.');
    out = '';
    await runNote([transcriptPath, healthPath, '--markdown', '--engine', 'local']);
    expect(out).toMatch(/^# SOAP note/);
    await expect(runNote([transcriptPath, healthPath, '--template', 'discharge'])).rejects.toThrow(
      /--template must be one of soap, hp, progress/,
    );
  });
});
