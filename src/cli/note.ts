/** `clinscribe note <transcript.json> <health.json> [--template soap|hp|progress|dap|birp]` → note JSON. */
import { parseArgs } from 'node:util';

import { loadConfig } from '../config';
import { createNoteEngine } from '../engines/note';
import { verifyNote } from '../engines/note/verify';
import { renderNoteMarkdown } from '../engines/report';
import { NonRetriableError } from '../errors';
import { setLogSink } from '../log';
import { NOTE_TEMPLATES, type NoteTemplate } from '../model/note';
import { readEncounterInputs } from './fhir';

export const usage = `Usage: clinscribe note <transcript.json> <health.json> [--template soap|hp|progress|dap|birp] [--engine E] [--markdown]

Writes the clinical note (every sentence cites transcript segment ids, and carries the faithfulness check's
flags when its evidence does not support it) and prints its JSON on stdout.
  --template   soap (default), hp (history and physical), progress, dap or birp (behavioral health)
  --engine     local, openai or azure-openai (default: NOTE_ENGINE setting; auto = Azure OpenAI when
               AZURE_OPENAI_ENDPOINT is set, an OpenAI-compatible server when OPENAI_BASE_URL/OPENAI_API_KEY is, else local)
  --markdown   print note.md instead of JSON`;

const ENGINES = ['local', 'openai', 'azure-openai'] as const;

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { template: { type: 'string' }, engine: { type: 'string' }, markdown: { type: 'boolean' } },
  });
  const template = values.template ?? 'soap';
  if (!(NOTE_TEMPLATES as readonly string[]).includes(template))
    throw new NonRetriableError('BadArguments', `--template must be one of ${NOTE_TEMPLATES.join(', ')}`);
  if (values.engine !== undefined && !(ENGINES as readonly string[]).includes(values.engine)) {
    throw new NonRetriableError('BadArguments', `--engine must be one of ${ENGINES.join(', ')}`);
  }
  setLogSink((line) => process.stderr.write(line + '\n'));
  const { transcript, analysis } = readEncounterInputs(positionals);
  const config = loadConfig(values.engine ? { ...process.env, NOTE_ENGINE: values.engine } : process.env);
  const written = await createNoteEngine(config).write(transcript, analysis, { template: template as NoteTemplate });
  const note = verifyNote(written, transcript, analysis);
  process.stdout.write(values.markdown ? renderNoteMarkdown(note, transcript) : JSON.stringify(note, null, 2) + '\n');
  return 0;
}
