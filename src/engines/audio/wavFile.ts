import { open, writeFile } from 'node:fs/promises';

/** Where the samples of a 16-bit PCM wav file are. */
export interface WavLayout {
  sampleRate: number;
  channels: number;
  dataOffset: number;
  dataBytes: number;
}

/** Reads the chunk layout of a 16-bit PCM wav without loading its samples. */
export async function readWavLayout(path: string): Promise<WavLayout> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
      throw new Error('not a wav file');
    let at = 12;
    let sampleRate = 0;
    let channels = 0;
    while (at + 8 <= head.length) {
      const id = head.toString('ascii', at, at + 4);
      const len = head.readUInt32LE(at + 4);
      if (id === 'fmt ') {
        channels = head.readUInt16LE(at + 10);
        sampleRate = head.readUInt32LE(at + 12);
      } else if (id === 'data') {
        // Streamed wavs carry a placeholder length; the file size is the truth.
        const dataOffset = at + 8;
        return { sampleRate, channels, dataOffset, dataBytes: Math.min(len, size - dataOffset) & ~1 };
      }
      at += 8 + len + (len % 2);
    }
    throw new Error('wav file has no data chunk');
  } finally {
    await fh.close();
  }
}

/**
 * For a wav whose `data` chunk declares more bytes than the file holds (a cut-off upload), the declared and the
 * present byte counts; undefined when it is complete, streamed (placeholder length 0 or 0xFFFFFFFF) or not a wav.
 */
export async function wavShortfall(path: string): Promise<{ declared: number; present: number } | undefined> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return undefined;
    for (let at = 12; at + 8 <= head.length;) {
      const len = head.readUInt32LE(at + 4);
      if (head.toString('ascii', at, at + 4) === 'data') {
        const present = size - (at + 8);
        const streamed = len === 0 || len === 0xffffffff;
        return !streamed && present < len * 0.95 ? { declared: len, present } : undefined;
      }
      at += 8 + len + (len % 2);
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

/** Reads mono 16-bit samples between two times (seconds) of a wav file. */
export async function readPcmRange(path: string, layout: WavLayout, start: number, end: number): Promise<Int16Array> {
  const bytesPerSecond = layout.sampleRate * 2;
  const from = Math.max(0, Math.floor(start * layout.sampleRate) * 2);
  const to = Math.min(layout.dataBytes, Math.ceil(end * layout.sampleRate) * 2);
  const buf = Buffer.alloc(Math.max(0, to - from));
  if (buf.length === 0 || bytesPerSecond === 0) return new Int16Array(0);
  const fh = await open(path, 'r');
  try {
    await fh.read(buf, 0, buf.length, layout.dataOffset + from);
  } finally {
    await fh.close();
  }
  return new Int16Array(buf.buffer, buf.byteOffset, buf.length >> 1);
}

/** The 44-byte header of a canonical 16-bit PCM wav holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate: number, channels = 1): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2 * channels, 28);
  h.writeUInt16LE(2 * channels, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Writes mono 16-bit samples as a canonical wav file. */
export async function writeWav(path: string, samples: Int16Array, sampleRate: number): Promise<void> {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  await writeFile(path, Buffer.concat([wavHeader(data.length, sampleRate), data]));
}
