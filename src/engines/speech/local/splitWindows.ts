import { SILENCE_FLOOR_DB } from '../../audio/audioLimits';
import type { PcmLevels } from '../../audio/frameEnergies';

/** A stretch of audio in seconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * Cuts audio into about `count` windows of similar length, each cut placed in the middle of the longest silence
 * found within `search` seconds of the ideal point, so no word is split. Pure.
 */
export function splitWindows(levels: PcmLevels, count: number, search = 8): TimeWindow[] {
  const total = levels.duration;
  if (count <= 1 || total <= 0) return [{ start: 0, end: total }];
  const cuts: number[] = [];
  for (let i = 1; i < count; i++) {
    const ideal = (total * i) / count;
    const cut = quietestPoint(levels, ideal - search, ideal + search);
    if (cut !== undefined && cut > (cuts.at(-1) ?? 0) + 1 && cut < total - 1) cuts.push(cut);
  }
  const edges = [0, ...cuts, total];
  return edges.slice(1).map((end, i) => ({ start: edges[i]!, end }));
}

/** Middle of the longest run of silent frames between two times (undefined when there is none). */
function quietestPoint(levels: PcmLevels, from: number, to: number): number | undefined {
  const a = Math.max(0, Math.floor(from / levels.frame));
  const b = Math.min(levels.db.length, Math.ceil(to / levels.frame));
  let best: { start: number; length: number } | undefined;
  let runStart = -1;
  for (let i = a; i <= b; i++) {
    const silent = i < b && (levels.db[i] ?? 0) <= SILENCE_FLOOR_DB;
    if (silent && runStart < 0) runStart = i;
    if (!silent && runStart >= 0) {
      const length = i - runStart;
      if (!best || length > best.length) best = { start: runStart, length };
      runStart = -1;
    }
  }
  return best ? (best.start + best.length / 2) * levels.frame : undefined;
}
