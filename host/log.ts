import type { HostLogger } from './types';

/**
 * The host's own logger: one JSON object per line. Host messages carry ids, names of functions, counts and codes;
 * never blob names or payloads (uploads may be named after patients).
 */
export function createHostLogger(
  write: (line: string, level: 'info' | 'warn' | 'error') => void = (line, level) =>
    (level === 'info' ? process.stdout : process.stderr).write(line + '\n'),
): HostLogger {
  const emit = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, source: 'host', message, ...fields }), level);
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that keeps lines in memory (tests) and forwards to `inner` when given. */
export function createMemoryLogger(
  inner?: HostLogger,
): HostLogger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const emit = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
    inner?.[level](message, fields);
  };
  return { lines, info: emit('info'), warn: emit('warn'), error: emit('error') };
}
