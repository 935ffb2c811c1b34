#!/usr/bin/env node
// Linear interpolation of two trigram backoff models into one static backoff model (the SRILM `-mix-lm` recipe):
// every n-gram of either model gets p = λ·pA + (1−λ)·pB, each side computed with its own backoff, and every context's
// backoff weight is recomputed so its distribution sums to one. Usage: mix-arpa.mjs <a.arpa> <b.arpa> <λ of a> <out.arpa>
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

const LN10 = Math.log(10);

/** Word ids shared by both models; keys pack ids into one safe integer (ids < 2^17). */
export class Vocab {
  ids = new Map();
  words = [];
  id(w) {
    let i = this.ids.get(w);
    if (i === undefined) {
      i = this.words.length;
      this.ids.set(w, i);
      this.words.push(w);
      if (i >= 2 ** 17) throw new Error('vocabulary over 131072 words');
    }
    return i;
  }
}
const key = (...ids) => ids.reduce((k, i) => k * 2 ** 17 + i, 0);

/** Reads an ARPA trigram model (optionally gzipped) into maps of log10 prob and backoff keyed by packed ids. */
export async function readArpa(path, vocab) {
  const grams = [new Map(), new Map(), new Map()];
  let n = 0;
  const input = createReadStream(path);
  const lines = createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^\\(\d)-grams:$/.exec(line);
    if (m) {
      n = Number(m[1]);
      if (n > 3) throw new Error(`${path}: order above 3`);
      continue;
    }
    if (n === 0 || line.startsWith('\\')) continue;
    const parts = line.split(/\s+/);
    const prob = Number(parts[0]);
    const ids = parts.slice(1, 1 + n).map((w) => vocab.id(w));
    const bo = parts.length > 1 + n ? Number(parts[1 + n]) : 0;
    grams[n - 1].set(key(...ids), { prob, bo, ids });
  }
  return grams;
}

/** log10 p(w | h) of one backoff model, h given as ids (most recent last). */
function logProb(grams, ids) {
  const n = ids.length;
  const hit = grams[n - 1].get(key(...ids));
  if (hit) return hit.prob;
  if (n === 1) return -Infinity;
  const ctx = grams[n - 2].get(key(...ids.slice(0, -1)));
  return (ctx ? ctx.bo : 0) + logProb(grams, ids.slice(1));
}

const log10Sum = (a, b) => Math.log10(10 ** a + 10 ** b);

/** Mixes two models; returns grams of the mixed model in the same shape. */
export function mix(a, b, lambda) {
  const la = Math.log10(lambda);
  const lb = Math.log10(1 - lambda);
  const out = [new Map(), new Map(), new Map()];
  for (let n = 1; n <= 3; n++) {
    const seen = new Map([...a[n - 1], ...b[n - 1]]);
    for (const [k, { ids }] of seen) {
      const pa = logProb(a, ids);
      const pb = logProb(b, ids);
      const prob = pa === -Infinity ? lb + pb : pb === -Infinity ? la + pa : log10Sum(la + pa, lb + pb);
      out[n - 1].set(k, { prob: Math.min(0, Math.max(prob, -99)), bo: 0, ids });
    }
    if (n === 1) continue;
    // Backoff of each context h: (1 − Σ p(w|h)) / (1 − Σ p(w|h')) over the words w seen after h.
    const sums = new Map();
    for (const { prob, ids } of out[n - 1].values()) {
      const h = key(...ids.slice(0, -1));
      const s = sums.get(h) ?? { num: 0, den: 0 };
      s.num += 10 ** prob;
      s.den += 10 ** logProb(out, ids.slice(1));
      sums.set(h, s);
    }
    for (const [h, s] of sums) {
      const ctx = out[n - 2].get(h);
      if (ctx) ctx.bo = Math.log10(Math.max(1e-9, 1 - s.num)) - Math.log10(Math.max(1e-9, 1 - s.den));
    }
  }
  return out;
}

/** Writes grams as ARPA text. */
export async function writeArpa(grams, vocab, path) {
  const stream = createWriteStream(path);
  const write = (s) => (stream.write(s) ? Promise.resolve() : new Promise((r) => stream.once('drain', r)));
  await write(`\\data\\\n${grams.map((g, i) => `ngram ${i + 1}=${g.size}`).join('\n')}\n`);
  for (const [i, g] of grams.entries()) {
    await write(`\n\\${i + 1}-grams:\n`);
    let chunk = [];
    for (const { prob, bo, ids } of g.values()) {
      const words = ids.map((id) => vocab.words[id]).join(' ');
      chunk.push(i < 2 ? `${prob.toFixed(5)}\t${words}\t${bo.toFixed(5)}` : `${prob.toFixed(5)}\t${words}`);
      if (chunk.length === 10000) {
        await write(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length) await write(chunk.join('\n') + '\n');
  }
  await write('\n\\end\\\n');
  await new Promise((r) => stream.end(r));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [pathA, pathB, lambda, out] = process.argv.slice(2);
  if (!out || !(Number(lambda) > 0 && Number(lambda) < 1)) {
    console.error('usage: mix-arpa.mjs <a.arpa> <b.arpa> <weight of a, 0..1> <out.arpa>');
    process.exit(2);
  }
  const vocab = new Vocab();
  const a = await readArpa(pathA, vocab);
  const b = await readArpa(pathB, vocab);
  const m = mix(a, b, Number(lambda));
  await writeArpa(m, vocab, out);
  console.log(JSON.stringify({ ngrams: m.map((g) => g.size) }));
}
