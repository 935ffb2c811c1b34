/** `clinscribe context`: ConText assertions for JSON lines {"id","text","term"} on stdin, one result line each. */
import { createInterface } from 'node:readline';

import { assertContext } from '../engines/health';

export const usage = `Usage: clinscribe context < items.jsonl

Reads JSON lines {"id": "...", "text": "...", "term": "..."} on stdin and writes, per line,
{"id", "certainty", "conditionality", "association", "temporal"}: the ConText assertion of the term
in the text (certainty positive|negative|positivePossible|negativePossible|neutralPossible,
conditionality hypothetical|conditional|null, association subject|other, temporal current|past|future).
A line that is not such an object yields {"id": …, "error": "…"} and the exit code 1.`;

interface Item {
  id?: unknown;
  text?: unknown;
  term?: unknown;
}

/** The output line for one input line (pure; exported for tests). */
export function contextLine(line: string): { output: string; ok: boolean } {
  let item: Item;
  try {
    item = JSON.parse(line) as Item;
  } catch {
    return { output: JSON.stringify({ id: null, error: 'invalid JSON' }), ok: false };
  }
  const id = typeof item?.id === 'string' || typeof item?.id === 'number' ? item.id : null;
  if (typeof item?.text !== 'string' || typeof item.term !== 'string') {
    return { output: JSON.stringify({ id, error: 'expected string fields "text" and "term"' }), ok: false };
  }
  const a = assertContext(item.text, item.term);
  return {
    output: JSON.stringify({
      id,
      certainty: a.certainty ?? 'positive',
      conditionality: a.conditionality ?? null,
      association: a.association ?? 'subject',
      temporal: a.temporal ?? 'current',
    }),
    ok: true,
  };
}

export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write('clinscribe context: takes no arguments; reads JSON lines on stdin (see --help)\n');
    return 2;
  }
  let ok = true;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const result = contextLine(line);
    ok &&= result.ok;
    process.stdout.write(result.output + '\n');
  }
  return ok ? 0 : 1;
}
