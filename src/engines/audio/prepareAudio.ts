import { NonRetriableError } from '../../errors';
import { type AudioLimits, DEFAULT_AUDIO_LIMITS, SILENCE_FLOOR_DB } from './audioLimits';
import { convertToPcm16kMono, type PcmFile } from './convertToPcm16kMono';
import { frameEnergies, type PcmLevels } from './frameEnergies';
import { type AudioInspection, inspectAudio } from './inspectAudio';
import { readWavLayout, type WavLayout, wavShortfall } from './wavFile';

/** A validated recording: its inspection plus a decoded 16 kHz mono copy and its frame levels. */
export interface PreparedAudio extends AudioInspection {
  pcm: PcmFile;
  layout: WavLayout;
  levels: PcmLevels;
  /** Decoded duration in seconds. */
  duration: number;
}

/** Seconds of frames above the silence floor. Pure. */
export function soundSeconds(levels: PcmLevels): number {
  let n = 0;
  for (const db of levels.db) if (db > SILENCE_FLOOR_DB) n++;
  return n * levels.frame;
}

/**
 * Validates and decodes a recording: the header checks of `inspectAudio`, then a full decode to 16 kHz mono that
 * catches truncated or corrupt files (decoded length far short of the declared one) and silent ones.
 * The caller must `pcm.cleanup()`.
 */
export async function prepareAudio(
  path: string,
  limits: AudioLimits = DEFAULT_AUDIO_LIMITS,
  signal?: AbortSignal,
): Promise<PreparedAudio> {
  const inspection = await inspectAudio(path, limits);
  // A cut-off wav decodes to its first seconds: say so, rather than judging (often "silent") what is left.
  const shortfall = await wavShortfall(path).catch(() => undefined);
  if (shortfall)
    throw new NonRetriableError(
      'TruncatedAudio',
      `The audio is truncated: its header declares ${shortfall.declared} bytes of samples but the file holds ${Math.max(0, shortfall.present)}.`,
    );
  const pcm = await convertToPcm16kMono(path, signal);
  try {
    const layout = await readWavLayout(pcm.path);
    if (layout.dataBytes === 0) throw new NonRetriableError('UndecodableAudio', 'The audio decodes to no samples.');
    const levels = await frameEnergies(pcm.path, layout);
    const declared = inspection.info.duration;
    if (levels.duration === 0) throw new NonRetriableError('UndecodableAudio', 'The audio decodes to no samples.');
    if (declared !== undefined && declared - levels.duration > Math.max(1, 0.05 * declared)) {
      throw new NonRetriableError(
        'TruncatedAudio',
        `The audio is truncated or corrupt: its header declares ${declared.toFixed(1)} s but only ${levels.duration.toFixed(1)} s decode.`,
      );
    }
    if (soundSeconds(levels) < limits.minSoundSeconds) {
      throw new NonRetriableError(
        'SilentAudio',
        `The audio is silent: no sound above ${SILENCE_FLOOR_DB} dBFS in ${levels.duration.toFixed(1)} s.`,
      );
    }
    return { ...inspection, pcm, layout, levels, duration: levels.duration };
  } catch (error) {
    await pcm.cleanup();
    throw error;
  }
}
