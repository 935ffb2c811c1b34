/** `clinscribe fhir <transcript.json> <health.json>` → FHIR R4 document bundle JSON, validated. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

import type { z } from 'zod';

import { buildBundle } from '../engines/fhir/bundle';
import { validateBundle } from '../engines/fhir/validate';
import { NonRetriableError } from '../errors';
import { setLogSink } from '../log';
import { type HealthAnalysis, HealthAnalysisSchema } from '../model/health';
import { type Transcript, TranscriptSchema } from '../model/transcript';

export const usage = `Usage: clinscribe fhir <transcript.json> <health.json> [--encounter-id ID] [--created-at ISO] [--no-validate]

Builds the FHIR R4 document bundle (Composition, Patient, Practitioner, Encounter, Conditions, medications,
observations, procedures, allergies, family history, transcript DocumentReference, Provenance), validates it
against the R4 StructureDefinitions and prints it on stdout. Exits 1 with the first issue if it is invalid.
  --encounter-id   id the resource UUIDs derive from (default: the transcript file name without .json)
  --created-at     bundle timestamp (default: now); pass it to get byte-identical output across runs
  --no-validate    skip validation`;

/** Reads and checks a JSON input file; a bad file fails with one line naming the file and the problem. */
export function readJsonInput<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new NonRetriableError('BadInput', `cannot read ${what} ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NonRetriableError(
      'BadInput',
      `${path} is not a ${what}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/** Transcript and health analysis from the two positional arguments, with their entity references checked. */
export function readEncounterInputs(positionals: string[]): { transcript: Transcript; analysis: HealthAnalysis } {
  const [transcriptPath, healthPath, ...extra] = positionals;
  if (!transcriptPath || !healthPath || extra.length > 0)
    throw new NonRetriableError('BadArguments', 'expected <transcript.json> <health.json> (see --help)');
  const transcript = readJsonInput(transcriptPath, TranscriptSchema, 'transcript');
  const analysis = readJsonInput(healthPath, HealthAnalysisSchema, 'health analysis');
  const ids = new Set(transcript.segments.map((s) => s.id));
  const stray = analysis.entities.find((e) => !ids.has(e.segmentId));
  if (stray)
    throw new NonRetriableError(
      'BadInput',
      `entity ${stray.id} names segment ${stray.segmentId}, which the transcript does not have`,
    );
  return { transcript, analysis };
}

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'encounter-id': { type: 'string' },
      'created-at': { type: 'string' },
      'no-validate': { type: 'boolean' },
    },
  });
  setLogSink((line) => process.stderr.write(line + '\n'));
  const { transcript, analysis } = readEncounterInputs(positionals);
  const createdAt = values['created-at'] ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(createdAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(createdAt))
    throw new NonRetriableError('BadArguments', '--created-at must be an ISO date-time');
  const encounterId = values['encounter-id'] ?? basename(positionals[0]!).replace(/\.json$/i, '');
  const bundle = buildBundle(transcript, analysis, { encounterId, createdAt });
  if (!values['no-validate']) {
    const result = validateBundle(bundle);
    if (!result.valid) {
      const first = result.issues.find((i) => i.severity === 'error');
      throw new NonRetriableError(
        'InvalidFhirBundle',
        `bundle fails validation: ${first?.expression ?? ''} ${first?.message ?? ''}`.trim(),
      );
    }
  }
  process.stdout.write(JSON.stringify(bundle, null, 2) + '\n');
  return 0;
}
