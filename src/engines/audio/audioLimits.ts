/** Limits applied to every recording before any engine sees it. */
export interface AudioLimits {
  /** Largest accepted file in bytes (setting MAX_UPLOAD_BYTES). */
  maxBytes: number;
  /** Most channels accepted (a stereo consult recording is fine; 8-channel arrays are not). */
  maxChannels: number;
  /** Longest accepted recording in seconds. */
  maxDurationSeconds: number;
  /** Shortest stretch of sound above the speech floor, in seconds, for the file not to count as silent. */
  minSoundSeconds: number;
}

export const DEFAULT_AUDIO_LIMITS: AudioLimits = {
  maxBytes: 1024 * 1024 * 1024,
  maxChannels: 2,
  maxDurationSeconds: 4 * 3600,
  minSoundSeconds: 0.5,
};

/** Frames quieter than this (dBFS RMS over 10 ms) count as silence. */
export const SILENCE_FLOOR_DB = -45;
