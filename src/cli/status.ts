import { parseArgs } from 'node:util';

import { ApiClient } from './encounters/apiClient';
import { connectHost } from './encounters/hostConnection';

export const usage = `Usage: clinscribe status [id] [--url URL] [--key=KEY] [--json]

Without an id: one line per encounter (id, status, type, created). With an id: its status, stage, progress, timings
and error. Needs a running host (npm start).

Options:
  --url URL   host base URL (or CLINSCRIBE_URL)     [default: http://127.0.0.1:7071]
  --key=KEY   function key (or CLINSCRIBE_KEY)      [default: from .data/keys.json]
  --json      print the API's JSON instead`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const host = await connectHost({
    url: values.url ?? process.env.CLINSCRIBE_URL ?? 'http://127.0.0.1:7071',
    key: values.key,
  });
  const api = new ApiClient(host);
  const out = (line: string) => process.stdout.write(line + '\n');
  const id = positionals[0];
  if (!id) {
    let token: string | undefined;
    do {
      const page = await api.list(100, token);
      for (const item of page.items)
        out(
          values.json
            ? JSON.stringify(item)
            : [item.encounterId, item.status, item.type ?? '', item.createdAt].join('\t'),
        );
      token = page.continuationToken;
    } while (token);
    return 0;
  }
  const view = await api.get(id);
  if (values.json) {
    out(JSON.stringify(view, null, 2));
    return 0;
  }
  const custom = view.runtime?.customStatus;
  out(`${id}: ${view.manifest?.status ?? '?'} (runtime ${view.runtime?.runtimeStatus ?? 'purged'})`);
  if (custom) out(`  stage ${custom.stage} ${Math.round(custom.progress * 100)} %: ${custom.detail}`);
  for (const t of view.manifest?.timings ?? [])
    out(
      `  ${t.stage.padEnd(16)} ${(t.durationMs / 1000).toFixed(2)} s${t.attempt > 1 ? ` (attempt ${t.attempt})` : ''}`,
    );
  if (view.manifest?.error)
    out(`  error in ${view.manifest.error.stage}: ${view.manifest.error.code}: ${view.manifest.error.message}`);
  return view.manifest?.status === 'Failed' ? 1 : 0;
}
