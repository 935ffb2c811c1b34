import { createReadStream } from 'node:fs';

import type { WavLayout } from './wavFile';

/** Per-frame levels of a mono 16-bit wav, read as a stream (never the whole file in memory). */
export interface PcmLevels {
  /** Frame length in seconds. */
  frame: number;
  /** RMS of each frame in dBFS (-100 for digital silence). */
  db: Float32Array;
  /** Peak absolute sample in dBFS. */
  peakDb: number;
  duration: number;
}

const toDb = (x: number): number => (x <= 0 ? -100 : Math.max(-100, 20 * Math.log10(x / 32768)));

/** Computes 10 ms frame levels of a mono 16-bit wav. */
export async function frameEnergies(path: string, layout: WavLayout, frame = 0.01): Promise<PcmLevels> {
  const perFrame = Math.max(1, Math.round(layout.sampleRate * frame));
  const frames = Math.floor(layout.dataBytes / 2 / perFrame);
  const db = new Float32Array(frames);
  let peak = 0;
  let sum = 0;
  let n = 0;
  let index = 0;
  let carry: Buffer | undefined;
  const stream = createReadStream(path, {
    start: layout.dataOffset,
    end: layout.dataOffset + layout.dataBytes - 1,
    highWaterMark: 1 << 16,
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const even = buf.length & ~1;
    for (let i = 0; i < even; i += 2) {
      const s = buf.readInt16LE(i);
      const a = Math.abs(s);
      if (a > peak) peak = a;
      sum += s * s;
      if (++n === perFrame) {
        if (index < frames) db[index++] = toDb(Math.sqrt(sum / n));
        sum = 0;
        n = 0;
      }
    }
    carry = even < buf.length ? buf.subarray(even) : undefined;
  }
  return {
    frame: perFrame / layout.sampleRate,
    db,
    peakDb: toDb(peak),
    duration: layout.dataBytes / 2 / layout.sampleRate,
  };
}
