/** Audio intake: sniff, probe, validate, decode and stream recordings (DESIGN.md §5). */
export { type AudioLimits, DEFAULT_AUDIO_LIMITS, SILENCE_FLOOR_DB } from './audioLimits';
export { convertToPcm16kMono, type PcmFile, runFfmpeg } from './convertToPcm16kMono';
export { ffmpegPath } from './ffmpegPath';
export { frameEnergies, type PcmLevels } from './frameEnergies';
export { type AudioInspection, inspectAudio } from './inspectAudio';
export { prepareAudio, type PreparedAudio, soundSeconds } from './prepareAudio';
export { type AudioInfo, parseFfmpegInfo, probeAudio } from './probeAudio';
export { type SavedFile, saveStreamToFile } from './saveStreamToFile';
export { type AudioContentType, looksLikeText, sniffAudioType } from './sniffAudioType';
export { readPcmRange, readWavLayout, type WavLayout, writeWav } from './wavFile';
