/**
 * PHI-safe structured logging. Callers pass an event name and fields; only numbers, booleans and strings under
 * keys known to carry identifiers or codes are written. Any other string is replaced by its length, so a
 * transcript, an entity or a file name can never reach the logs by accident.
 */
export type LogFields = Record<string, string | number | boolean | undefined | null>;
type Level = 'debug' | 'info' | 'warn' | 'error';

const SAFE_STRING_KEYS =
  /^(?:.*Id|id|code|errorCode|engine|stage|status|runtimeStatus|function|activity|orchestrator|container|method|route|level|kind|template|locale|type|version|reason)$/;
const MAX_SAFE_STRING = 200;

/** Drops anything that could be PHI; exported for tests. */
export function redact(fields: LogFields): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') out[key] = value;
    else if (SAFE_STRING_KEYS.test(key) && value.length <= MAX_SAFE_STRING) out[key] = value;
    else out[`${key}Length`] = value.length;
  }
  return out;
}

let sink: (line: string, level: Level) => void = (line, level) => {
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
};

/** Redirects log output (tests, the embedded host's log capture). */
export function setLogSink(next: (line: string, level: Level) => void): void {
  sink = next;
}

function write(level: Level, event: string, fields: LogFields = {}): void {
  if (level === 'debug' && !process.env.CLINSCRIBE_DEBUG) return;
  sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(fields) }), level);
}

export const log = {
  debug: (event: string, fields?: LogFields) => write('debug', event, fields),
  info: (event: string, fields?: LogFields) => write('info', event, fields),
  warn: (event: string, fields?: LogFields) => write('warn', event, fields),
  error: (event: string, fields?: LogFields) => write('error', event, fields),
};
