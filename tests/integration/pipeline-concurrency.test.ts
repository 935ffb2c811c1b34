import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManifestSchema } from '../../src/model/manifest';
import type { TestHost } from '../helpers/hostHarness';
import { loadScript } from '../helpers/synthesize';
import { Api, scriptToText, startPipelineHost } from './pipeline-helpers';

let host: TestHost;
let api: Api;

beforeAll(async () => {
  host = await startPipelineHost();
  api = new Api(host);
});
afterAll(async () => host?.stop());

describe('pipeline on the embedded host: concurrency', () => {
  it('20 uploads at once all complete, each with per-stage timings in its manifest', async () => {
    const scripts = await Promise.all(['enc-back-pain', 'enc-cough-uri', 'enc-diabetes-followup'].map(loadScript));
    // Distinct bodies (a numbered closing line) so each upload is its own encounter.
    const bodies = Array.from({ length: 20 }, (_, i) =>
      Buffer.from(`${scriptToText(scripts[i % 3]!)}Doctor: See you in ${i + 1} weeks.\n`),
    );
    const started = await Promise.all(bodies.map((body) => api.upload(body, { template: 'soap' })));
    expect(new Set(started.map((s) => s.encounterId)).size).toBe(20);
    const views = await Promise.all(started.map((s) => api.settle(s.encounterId, undefined, 300_000)));
    for (const view of views) {
      expect(view.runtime?.runtimeStatus, JSON.stringify(view.manifest?.error)).toBe('Completed');
      const manifest = ManifestSchema.parse(view.manifest);
      expect(manifest.status).toBe('Completed');
      const stages = manifest.timings.map((t) => t.stage).sort();
      expect(stages).toEqual(['analyzeHealth', 'buildFhir', 'extractDocument', 'finalize', 'planChunks', 'writeNote']);
      for (const timing of manifest.timings)
        expect(Date.parse(timing.endedAt)).toBeGreaterThanOrEqual(Date.parse(timing.startedAt));
    }
  }, 600_000);
});
