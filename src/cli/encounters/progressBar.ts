/** One line of progress: `label [#######.......]  45 % stage: detail`, `width` cells wide. Pure, for any terminal. */
export function progressBar(label: string, progress: number, text: string, width = 24): string {
  const p = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  const filled = Math.round(p * width);
  const percent = String(Math.round(p * 100)).padStart(3);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} % ${text}`;
}

/** Shortens a label to `max` characters (keeping its end, where the distinctive part of a file name is). */
export function fitLabel(label: string, max = 28): string {
  return label.length <= max ? label.padEnd(max) : `…${label.slice(label.length - max + 1)}`;
}
