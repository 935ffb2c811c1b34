import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { NonRetriableError } from '../errors';
import { NOTE_TEMPLATES } from '../model/note';
import { ApiClient, type EncounterView } from './encounters/apiClient';
import { collectInputs } from './encounters/collectInputs';
import { connectHost } from './encounters/hostConnection';
import { fitLabel, progressBar } from './encounters/progressBar';

export const usage = `Usage: clinscribe process <file|dir…> [--out DIR] [--template soap|hp|progress|dap|birp] [--review] [--url URL] [--key=KEY]

Uploads each recording or document to the running host (or starts an embedded one when none answers), shows a
progress bar per file from the pipeline's custom status, and writes every artifact to DIR/<encounterId>/.

Options:
  --out DIR         where to write results                                  [default: ./out]
  --template T      note template: soap, hp, progress, dap or birp         [default: soap]
  --review          stop at clinician review (the encounter waits; approve it in the web page or the API)
  --url URL         host base URL (or CLINSCRIBE_URL)                        [default: http://127.0.0.1:7071]
  --key=KEY         function key (or CLINSCRIBE_KEY; use the = form: keys may start with "-")  [default: .data/keys.json]
  --timeout SEC     give up waiting on an encounter after SEC seconds       [default: 3600]
  --concurrency N   files processed at once                                 [default: 4]`;

const FINAL = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

/** An encounter is done for the CLI when the runtime is final or the pipeline waits for a clinician. */
export function isSettled(view: EncounterView): boolean {
  const runtime = view.runtime;
  if (!runtime) return view.manifest?.status === 'Failed';
  return FINAL.has(runtime.runtimeStatus) || runtime.customStatus?.stage === 'awaiting-review';
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'out' },
      template: { type: 'string', default: 'soap' },
      review: { type: 'boolean', default: false },
      url: { type: 'string' },
      key: { type: 'string' },
      timeout: { type: 'string', default: '3600' },
      concurrency: { type: 'string', default: '4' },
    },
  });
  if (positionals.length === 0)
    throw new NonRetriableError('Usage', 'process needs at least one file or folder (see --help)');
  if (!(NOTE_TEMPLATES as readonly string[]).includes(values.template))
    throw new NonRetriableError('Usage', `--template must be one of ${NOTE_TEMPLATES.join(', ')}`);
  const timeoutMs = Number(values.timeout) * 1000;
  const concurrency = Number(values.concurrency);
  if (!(timeoutMs > 0) || !Number.isInteger(concurrency) || concurrency < 1)
    throw new NonRetriableError('Usage', '--timeout and --concurrency must be positive numbers');
  const files = await collectInputs(positionals);
  const host = await connectHost({
    url: values.url,
    key: values.key,
    onStart: () => process.stderr.write('No host is running: starting the embedded host…\n'),
  });
  try {
    const api = new ApiClient(host);
    const outDir = resolve(values.out);
    const options = { template: values.template, review: String(values.review) };
    const results: boolean[] = [];
    const queue = files.map((file, index) => ({ file, index }));
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift())
        results[job.index] = await processOne(api, job.file, options, outDir, timeoutMs);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
    const failed = results.filter((ok) => !ok).length;
    process.stdout.write(`${files.length - failed} of ${files.length} encounter(s) done; results in ${outDir}\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    await host.stop?.();
  }
}

async function processOne(
  api: ApiClient,
  file: string,
  options: Record<string, string>,
  outDir: string,
  timeoutMs: number,
): Promise<boolean> {
  const label = fitLabel(basename(file));
  const show = (line: string) => process.stdout.write(line + '\n');
  let id: string;
  try {
    id = await api.upload(file, options);
  } catch (error) {
    show(`${label} upload failed: ${(error as Error).message}`);
    return false;
  }
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let view = await api.get(id);
  while (!isSettled(view) && Date.now() < deadline) {
    const status = view.runtime?.customStatus;
    const line = progressBar(label, status?.progress ?? 0, status ? `${status.stage}: ${status.detail}` : 'queued');
    if (line !== last) show(line);
    last = line;
    await new Promise((done) => setTimeout(done, 500));
    view = await api.get(id);
  }
  const written = await api.download(view, resolve(outDir, id));
  const runtime = view.runtime?.runtimeStatus ?? 'Unknown';
  const awaiting = view.runtime?.customStatus?.stage === 'awaiting-review';
  if (runtime === 'Completed' || awaiting) {
    show(
      progressBar(
        label,
        awaiting ? 0.8 : 1,
        `${awaiting ? 'awaiting review' : (view.manifest?.status ?? runtime)} → ${id} (${written.length} files)`,
      ),
    );
    return true;
  }
  const error = view.manifest?.error;
  show(
    `${label} ${isSettled(view) ? runtime : 'timed out'} (${id})${error ? `: ${error.stage}: ${error.code}: ${error.message}` : ''}`,
  );
  return false;
}
