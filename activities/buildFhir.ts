import * as df from 'durable-functions';

import { buildBundle } from '../src/engines/fhir/bundle';
import { ta4hSidecarBundle } from '../src/engines/fhir/ta4h';
import { validateBundle } from '../src/engines/fhir/validate';
import { NonRetriableError } from '../src/errors';
import { HealthAnalysisSchema } from '../src/model/health';
import { ActivityNames } from '../src/model/names';
import type { StepInput, StepResult } from '../src/model/pipeline';
import type { BlobRef } from '../src/model/refs';
import { StepInputSchema } from '../src/model/stepInputs';
import { TranscriptSchema } from '../src/model/transcript';
import { artifactRef } from '../src/store/artifacts';
import { readJson, writeJson } from '../src/store/blobIo';
import { readManifest } from '../src/store/manifestStore';
import { defaultDeps, type StepDeps } from './lib/deps';
import { invalidInput } from './lib/invalidInput';
import { runStep } from './lib/runStep';

/** transcript.json + health.json → validated FHIR R4 bundle (fhir-bundle.json). Deterministic: a re-run writes the same bytes. */
export async function buildFhir(
  input: StepInput,
  deps: StepDeps = defaultDeps,
): Promise<StepResult<{ resources: number }>> {
  const invalid = invalidInput(ActivityNames.buildFhir, StepInputSchema, input);
  if (invalid) return invalid;
  return runStep('buildFhir', input.encounterId, deps, async () => {
    const blobs = deps.blobs();
    const [transcript, health, manifest] = await Promise.all([
      readJson(blobs, artifactRef(input.encounterId, 'transcript'), TranscriptSchema),
      readJson(blobs, artifactRef(input.encounterId, 'health'), HealthAnalysisSchema),
      readManifest(blobs, input.encounterId),
    ]);
    if (!manifest) throw new NonRetriableError('ManifestNotFound', `Encounter ${input.encounterId} has no manifest`);
    const bundle = buildBundle(transcript, health, { encounterId: input.encounterId, createdAt: manifest.createdAt });
    const validation = await validateBundle(bundle);
    if (!validation.valid) {
      const first = validation.issues[0];
      throw new NonRetriableError(
        'InvalidFhirBundle',
        `The FHIR bundle fails validation (${validation.issues.length} issue(s)); first: ${first ? first.message : 'unknown'}`,
      );
    }
    const ref = await writeJson(blobs, artifactRef(input.encounterId, 'fhir'), bundle);
    const sidecar = ta4hSidecarBundle(health, manifest.createdAt);
    const results: Record<string, BlobRef> = { fhir: ref };
    if (sidecar) results.fhirTa4h = await writeJson(blobs, artifactRef(input.encounterId, 'fhirTa4h'), sidecar);
    return { ref, stats: { resources: bundle.entry?.length ?? 0 }, patch: { results } };
  });
}

df.app.activity(ActivityNames.buildFhir, { handler: (input: StepInput) => buildFhir(input) });
