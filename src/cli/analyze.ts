/** `clinscribe analyze <text-file|-> [--engine local|azure]`: health JSON of a text (one segment per line). */
import { readFile } from 'node:fs/promises';

import { loadConfig } from '../config';
import { createHealthEngine, planChunks } from '../engines/health';
import { NonRetriableError } from '../errors';
import type { HealthAnalysis } from '../model/health';

export const usage = `Usage: clinscribe analyze <text-file|-> [--engine local|azure]

Analyses clinical text (UTF-8; "-" reads stdin) and prints the health JSON: entities with categories,
assertions and codes, and relations. Each line of the input is one segment (ids s1, s2…), so entity
offsets are UTF-16 offsets into the input as given.

Options:
  --engine local|azure   health engine (default: LANGUAGE_ENGINE, i.e. azure when LANGUAGE_ENDPOINT is set)
  -h, --help             this help`;

/** Decodes UTF-8 strictly: a file with invalid bytes is refused rather than analysed with replacement marks. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new NonRetriableError('InvalidEncoding', 'input is not valid UTF-8 text');
  }
}

/** The transcript-shaped view of plain text: one segment per line. */
export function textToSegments(
  text: string,
): { id: string; speaker: string; role: 'other'; start: number; end: number; text: string; words: [] }[] {
  return text.split('\n').map((line, i) => ({
    id: `s${i + 1}`,
    speaker: 'unknown',
    role: 'other',
    start: 0,
    end: 0,
    text: line,
    words: [],
  }));
}

async function readInput(path: string): Promise<Uint8Array> {
  if (path !== '-') return readFile(path);
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function run(args: string[]): Promise<number> {
  const engineAt = args.indexOf('--engine');
  const engine = engineAt >= 0 ? args[engineAt + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && (engineAt < 0 || i !== engineAt + 1));
  const [path] = positional;
  if (!path || positional.length > 1) {
    process.stderr.write('clinscribe analyze: expected one <text-file|-> argument (see --help)\n');
    return 2;
  }
  if (engine !== undefined && engine !== 'local' && engine !== 'azure') {
    process.stderr.write(`clinscribe analyze: --engine must be local or azure\n`);
    return 2;
  }
  const config = loadConfig({ ...process.env, ...(engine ? { LANGUAGE_ENGINE: engine } : {}) });
  const text = decodeUtf8(await readInput(path));
  let analysis: HealthAnalysis;
  if (text.trim() === '') {
    analysis = {
      engine: config.engines.language,
      entities: [],
      relations: [],
      warnings: [{ code: 'EmptyInput', message: 'the input has no text to analyse' }],
    };
  } else {
    const chunks = planChunks({ segments: textToSegments(text) }, config.settings.CHUNK_GRAPHEMES);
    analysis = await createHealthEngine(config).analyze(chunks);
    if (analysis.entities.length === 0)
      analysis.warnings.push({ code: 'NoClinicalContent', message: 'no clinical concepts were found' });
  }
  process.stdout.write(JSON.stringify(analysis, null, 2) + '\n');
  return 0;
}
