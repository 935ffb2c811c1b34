import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

import { log } from '../../../log';
import type { Transcript } from '../../../model/transcript';
import { makeTempDir } from '../../../tempFiles';
import { type AudioLimits, DEFAULT_AUDIO_LIMITS } from '../../audio/audioLimits';
import { prepareAudio, type PreparedAudio } from '../../audio/prepareAudio';
import { readPcmRange, writeWav } from '../../audio/wavFile';
import type { AudioInput, SpeechEngine, TranscribeOptions } from '../index';
import { toTranscript } from '../toTranscript';
import { markUncertainSpans } from '../uncertainSpans';
import { clinicalModel } from './clinicalModel';
import { clusterSpeakers } from './clusterSpeakers';
import { parsePocketsphinx, type Utterance } from './parsePocketsphinx';
import { type PocketsphinxOptions, runPocketsphinx } from './runPocketsphinx';
import { splitWindows, type TimeWindow } from './splitWindows';
import { voiceFeatures } from './voiceFeatures';

export interface LocalSpeechOptions {
  limits?: Partial<AudioLimits>;
  /** Parallel recognizer processes (default: available cores). */
  concurrency?: number;
  /** Target window length in seconds for long audio (default 120). */
  windowSeconds?: number;
  /**
   * Recognizer binary and models (`-hmm`, `-dict`, `-lm`); default the clinical model built at install
   * (`clinicalModel()`), else the Debian en-US model.
   */
  pocketsphinx?: Omit<PocketsphinxOptions, 'signal'>;
}

// Pitch is one dimension among 25: weigh it so it counts about as much as the spectral shape.
const FEATURE_WEIGHTS = [...new Array<number>(24).fill(1), 3];

/**
 * Offline speech engine: Debian pocketsphinx as subprocesses over windows cut at silences (all cores busy),
 * utterances merged in order, speakers found by clustering per-utterance voice features, roles from turn features.
 */
export class LocalSpeechEngine implements SpeechEngine {
  readonly name = 'local';
  private readonly limits: AudioLimits;

  constructor(private readonly options: LocalSpeechOptions = {}) {
    this.limits = { ...DEFAULT_AUDIO_LIMITS, ...options.limits };
  }

  async transcribe(input: AudioInput, options: TranscribeOptions = {}): Promise<Transcript> {
    const started = Date.now();
    const audio = await prepareAudio(input.path, this.limits, options.signal);
    try {
      const utterances = await this.recognize(audio, options);
      const features = await Promise.all(
        utterances.map(async (u) =>
          voiceFeatures(await readPcmRange(audio.pcm.path, audio.layout, u.start - 0.05, u.end + 0.05)),
        ),
      );
      const labels = clusterSpeakers(features, { maxSpeakers: options.maxSpeakers, weights: FEATURE_WEIGHTS });
      const transcript = markUncertainSpans(
        toTranscript(
          utterances.map((u, i) => ({ speaker: labels[i]!, start: u.start, end: u.end, words: u.words })),
          { duration: round(audio.duration), locale: options.locale ?? 'en-US', engine: this.name },
        ),
      );
      log.info('speech.local.done', {
        engine: this.name,
        durationMs: Date.now() - started,
        audioSeconds: round(audio.duration),
        segments: transcript.segments.length,
        speakers: transcript.speakers.length,
        uncertainSpans: transcript.segments.reduce((n, s) => n + (s.uncertain?.length ?? 0), 0),
      });
      return transcript;
    } finally {
      await audio.pcm.cleanup();
    }
  }

  private async recognize(audio: PreparedAudio, options: TranscribeOptions): Promise<Utterance[]> {
    const concurrency = Math.max(1, this.options.concurrency ?? availableParallelism());
    const windowSeconds = this.options.windowSeconds ?? 120;
    const count = audio.duration < 20 ? 1 : Math.max(concurrency, Math.ceil(audio.duration / windowSeconds));
    const windows = splitWindows(audio.levels, count);
    const model = this.options.pocketsphinx ?? clinicalModel() ?? {};
    const dir = await makeTempDir('ps');
    const results: Utterance[][] = new Array<Utterance[]>(windows.length);
    options.onProgress?.(0, audio.duration);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < windows.length) {
        const i = next++;
        results[i] = await this.recognizeWindow(audio, windows[i]!, join(dir, `w${i}.wav`), {
          ...model,
          signal: options.signal,
        });
        options.onProgress?.(++done / windows.length, audio.duration);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, windows.length) }, worker));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return results.flat();
  }

  private async recognizeWindow(
    audio: PreparedAudio,
    w: TimeWindow,
    path: string,
    ps: PocketsphinxOptions,
  ): Promise<Utterance[]> {
    await writeWav(path, await readPcmRange(audio.pcm.path, audio.layout, w.start, w.end), audio.layout.sampleRate);
    return parsePocketsphinx(await runPocketsphinx(path, ps), w.start);
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
