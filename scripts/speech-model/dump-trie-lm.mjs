#!/usr/bin/env node
// Writes a sphinxbase trie binary language model (pocketsphinx's `*.lm.bin`) as ARPA text. Debian's
// `sphinx_lm_convert -ofmt arpa` asserts on the stock en-US model (its trie holds the filler n-grams sphinxbase adds
// to keep every longer n-gram reachable, which its writer does not expect), so the clinical model build reads the
// format itself. Usage: dump-trie-lm.mjs <in.lm.bin> <out.arpa>
import { createWriteStream, readFileSync } from 'node:fs';

const HEADER = 'Trie Language Model';
const LOG10_OF_BASE = Math.log10(1.0001); // sphinxbase's default log base, used for the stored floats

const requiredBits = (max) => (max === 0 ? 0 : Math.floor(Math.log2(max)) + 1);

/** Reads `bits` (≤ 25) bits at bit offset `offset` of a little-endian bit array. */
function readBits(buf, offset, bits) {
  const at = offset >>> 3;
  const word = buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | ((buf[at + 3] << 24) >>> 0);
  return ((word >>> 0) >>> (offset & 7)) & ((1 << bits) - 1);
}

/** Parses the model and returns an iterator-friendly view of it. */
export function readTrieLm(path) {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 0, HEADER.length) !== HEADER) throw new Error(`${path}: not a trie LM`);
  let at = HEADER.length;
  const order = buf[at++];
  if (order !== 3) throw new Error(`${path}: order ${order}, only trigram models are supported`);
  const counts = [0, 1, 2].map((i) => buf.readUInt32LE(at + 4 * i));
  at += 12 + 4; // counts, then a dummy int of the quantizer
  const table = (n) => {
    const t = new Float32Array(n);
    for (let i = 0; i < n; i++) t[i] = buf.readFloatLE(at + 4 * i);
    at += 4 * n;
    return t;
  };
  const bigramProb = table(65536);
  const bigramBo = table(65536);
  const trigramProb = table(65536);
  const unigrams = [];
  for (let i = 0; i <= counts[0]; i++, at += 12)
    unigrams.push({ prob: buf.readFloatLE(at), bo: buf.readFloatLE(at + 4), next: buf.readUInt32LE(at + 8) });
  const wordBits = requiredBits(counts[0]);
  const middle = { wordBits, nextBits: requiredBits(counts[2]), base: at };
  middle.total = wordBits + 32 + middle.nextBits;
  const middleBytes = Math.floor(((1 + counts[1]) * middle.total + 7) / 8) + 8;
  const longest = { base: at + middleBytes, total: wordBits + 16 };
  const longestBytes = Math.floor(((1 + counts[2]) * longest.total + 7) / 8) + 8;
  at = longest.base + longestBytes;
  const k = buf.readInt32LE(at);
  const words = buf
    .toString('utf8', at + 4, at + 4 + k)
    .split('\0')
    .slice(0, counts[0]);
  if (words.length !== counts[0]) throw new Error(`${path}: ${words.length} words for ${counts[0]} unigrams`);
  const mid = buf.subarray(middle.base);
  const lng = buf.subarray(longest.base);
  const bigram = (p) => {
    const o = p * middle.total;
    return {
      word: readBits(mid, o, wordBits),
      bo: bigramBo[readBits(mid, o + wordBits, 16)],
      prob: bigramProb[readBits(mid, o + wordBits + 16, 16)],
      next: readBits(mid, o + wordBits + 32, middle.nextBits),
    };
  };
  const trigram = (p) => {
    const o = p * longest.total;
    return { word: readBits(lng, o, wordBits), prob: trigramProb[readBits(lng, o + wordBits, 16)] };
  };
  return { counts, words, unigrams, bigram, trigram };
}

const f = (x) => (x * LOG10_OF_BASE).toFixed(4);

/**
 * Streams the model as ARPA. The trie is keyed by the last word first (an entry under unigram u with history word x
 * is the bigram "x u"), so n-grams come out grouped by their last word, which ARPA readers accept.
 */
export async function dumpArpa(model, out) {
  const { counts, words, unigrams, bigram, trigram } = model;
  const bi = [];
  const tri = [];
  for (let u = 0; u < counts[0]; u++) {
    for (let b = unigrams[u].next; b < unigrams[u + 1].next; b++) {
      const g = bigram(b);
      bi.push(`${f(g.prob)}\t${words[g.word]} ${words[u]}\t${f(g.bo)}`);
      const end = bigram(b + 1).next;
      for (let t = g.next; t < end; t++) {
        const h = trigram(t);
        tri.push(`${f(h.prob)}\t${words[h.word]} ${words[g.word]} ${words[u]}`);
      }
    }
  }
  const stream = createWriteStream(out);
  const write = (s) => (stream.write(s) ? Promise.resolve() : new Promise((r) => stream.once('drain', r)));
  await write(`\\data\\\nngram 1=${counts[0]}\nngram 2=${bi.length}\nngram 3=${tri.length}\n\n\\1-grams:\n`);
  for (let u = 0; u < counts[0]; u++) await write(`${f(unigrams[u].prob)}\t${words[u]}\t${f(unigrams[u].bo)}\n`);
  for (const [n, lines] of [
    [2, bi],
    [3, tri],
  ]) {
    await write(`\n\\${n}-grams:\n`);
    for (let i = 0; i < lines.length; i += 10000) await write(lines.slice(i, i + 10000).join('\n') + '\n');
  }
  await write('\n\\end\\\n');
  await new Promise((r) => stream.end(r));
  return { unigrams: counts[0], bigrams: bi.length, trigrams: tri.length };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: dump-trie-lm.mjs <in.lm.bin> <out.arpa>');
    process.exit(2);
  }
  console.log(JSON.stringify(await dumpArpa(readTrieLm(input), output)));
}
