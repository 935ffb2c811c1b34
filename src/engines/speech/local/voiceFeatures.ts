import { fft } from './fft';

const RATE = 16_000;
const FRAME = 400; // 25 ms
const HOP = 160; // 10 ms
const NFFT = 512;
const MELS = 26;
const CEPS = 13;

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters over the positive FFT bins (computed once). */
const FILTERS: Float64Array[] = (() => {
  const lo = hzToMel(100);
  const hi = hzToMel(7600);
  const centers = Array.from({ length: MELS + 2 }, (_, i) =>
    Math.floor(((NFFT + 1) * melToHz(lo + ((hi - lo) * i) / (MELS + 1))) / RATE),
  );
  return Array.from({ length: MELS }, (_, m) => {
    const f = new Float64Array(NFFT / 2 + 1);
    const [a, b, c] = [centers[m]!, centers[m + 1]!, centers[m + 2]!];
    for (let k = a; k < b; k++) f[k] = (k - a) / Math.max(1, b - a);
    for (let k = b; k <= c; k++) f[k] = (c - k) / Math.max(1, c - b);
    return f;
  });
})();

const HAMMING = Float64Array.from({ length: FRAME }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));

/** Fundamental frequency of one frame by normalised autocorrelation (60–400 Hz), or 0 when unvoiced. */
function pitchOf(x: Float64Array): number {
  const minLag = Math.floor(RATE / 400);
  const maxLag = Math.floor(RATE / 60);
  let energy = 0;
  for (let i = 0; i < x.length; i++) energy += x[i]! * x[i]!;
  if (energy <= 0) return 0;
  let bestLag = 0;
  let best = 0;
  for (let lag = minLag; lag <= maxLag && lag < x.length; lag++) {
    let s = 0;
    for (let i = 0; i + lag < x.length; i++) s += x[i]! * x[i + lag]!;
    const r = s / energy;
    if (r > best) {
      best = r;
      bestLag = lag;
    }
  }
  return best > 0.45 && bestLag > 0 ? RATE / bestLag : 0;
}

/**
 * A fixed-length voice signature of one utterance (16 kHz mono samples): the mean and standard deviation of
 * MFCC 1–12 over loud frames, plus the log median pitch. Spectral statistics tell two voices of the same sex apart
 * where pitch alone cannot. Returns undefined when the utterance has too few loud frames. Pure.
 */
export function voiceFeatures(samples: Int16Array): number[] | undefined {
  const frames: number[][] = [];
  const pitches: number[] = [];
  const re = new Float64Array(NFFT);
  const im = new Float64Array(NFFT);
  const raw = new Float64Array(FRAME);
  for (let at = 0; at + FRAME <= samples.length; at += HOP) {
    let energy = 0;
    for (let i = 0; i < FRAME; i++) {
      raw[i] = samples[at + i]! / 32768;
      energy += raw[i]! * raw[i]!;
    }
    if (10 * Math.log10(energy / FRAME + 1e-12) < -40) continue;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < FRAME; i++) re[i] = (raw[i]! - (i > 0 ? 0.97 * raw[i - 1]! : 0)) * HAMMING[i]!;
    fft(re, im);
    const logMel = FILTERS.map((f) => {
      let s = 0;
      for (let k = 0; k < f.length; k++) if (f[k]) s += f[k]! * (re[k]! * re[k]! + im[k]! * im[k]!);
      return Math.log(s + 1e-10);
    });
    const ceps: number[] = [];
    for (let c = 1; c < CEPS; c++) {
      let s = 0;
      for (let m = 0; m < MELS; m++) s += logMel[m]! * Math.cos((Math.PI * c * (m + 0.5)) / MELS);
      ceps.push(s);
    }
    frames.push(ceps);
    // Pitch on every other loud frame keeps the cost down without changing the median.
    if (frames.length % 2 === 0) {
      const p = pitchOf(raw);
      if (p > 0) pitches.push(p);
    }
  }
  if (frames.length < 20) return undefined;
  const dims = frames[0]!.length;
  const mean = Array.from({ length: dims }, (_, d) => frames.reduce((s, f) => s + f[d]!, 0) / frames.length);
  const std = mean.map((m, d) => Math.sqrt(frames.reduce((s, f) => s + (f[d]! - m) ** 2, 0) / frames.length));
  pitches.sort((a, b) => a - b);
  const pitch = pitches.length > 0 ? Math.log(pitches[Math.floor(pitches.length / 2)]!) : Math.log(150);
  return [...mean, ...std, pitch];
}
