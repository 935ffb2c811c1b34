/** `clinscribe transcribe <audio> [--engine local|azure-fast|azure-batch] [--max-speakers N]` → transcript JSON. */
import { parseArgs } from 'node:util';

import { loadConfig } from '../config';
import { createSpeechEngine, type SpeechEngineName } from '../engines/speech';
import { NonRetriableError } from '../errors';
import { setLogSink } from '../log';

export const usage = `Usage: clinscribe transcribe <audio> [--engine local|azure-fast|azure-batch] [--max-speakers N] [--locale L] [--source-url URL]

Transcribes a recording (wav, mp3, m4a, ogg/opus, flac, webm) and prints the transcript JSON on stdout.
  --engine         speech engine (default: SPEECH_ENGINE setting, auto = Azure when SPEECH_ENDPOINT/REGION is set, else local)
  --max-speakers   upper bound on speakers for diarization (default 4)
  --locale         recognition locale (default en-US)
  --source-url     URL the Speech service can read, required by azure-batch`;

const ENGINES: readonly SpeechEngineName[] = ['local', 'azure-fast', 'azure-batch'];

/** Runs the command; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      engine: { type: 'string' },
      'max-speakers': { type: 'string' },
      locale: { type: 'string' },
      'source-url': { type: 'string' },
    },
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0)
    throw new NonRetriableError('BadArguments', 'expected exactly one audio file (see --help)');
  const engine = values.engine;
  if (engine !== undefined && !(ENGINES as readonly string[]).includes(engine)) {
    throw new NonRetriableError('BadArguments', `--engine must be one of ${ENGINES.join(', ')}`);
  }
  const maxSpeakers = values['max-speakers'] === undefined ? undefined : Number(values['max-speakers']);
  if (maxSpeakers !== undefined && !(Number.isInteger(maxSpeakers) && maxSpeakers >= 1 && maxSpeakers <= 35)) {
    throw new NonRetriableError('BadArguments', '--max-speakers must be an integer from 1 to 35');
  }
  // Logs go to stderr so stdout stays pure JSON.
  setLogSink((line) => process.stderr.write(line + '\n'));
  const env =
    engine && engine !== 'local' ? process.env : { ...process.env, SPEECH_ENGINE: engine ?? process.env.SPEECH_ENGINE };
  const config = loadConfig(env);
  const speech = createSpeechEngine(config, { engine: engine as SpeechEngineName | undefined });
  const transcript = await speech.transcribe(
    { path, sourceUrl: values['source-url'] },
    { maxSpeakers, locale: values.locale },
  );
  process.stdout.write(JSON.stringify(transcript, null, 2) + '\n');
  return 0;
}
