/** Options of the speaker clustering. */
export interface ClusterOptions {
  /** Upper bound on speakers (default 4). */
  maxSpeakers?: number;
  /** Below this mean silhouette the best split is not believed and everything is one speaker. */
  minSilhouette?: number;
  /** Per-dimension weights applied after standardisation (e.g. to give pitch more say). */
  weights?: number[];
  /** Most utterances clustered directly (default 300); beyond, a spread sample is clustered. */
  maxPoints?: number;
}

const dist = (a: number[], b: number[]): number => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));

function standardise(vectors: number[][], weights?: number[]): number[][] {
  const dims = vectors[0]!.length;
  const mean = Array.from({ length: dims }, (_, d) => vectors.reduce((s, v) => s + v[d]!, 0) / vectors.length);
  const std = mean.map((m, d) => Math.sqrt(vectors.reduce((s, v) => s + (v[d]! - m) ** 2, 0) / vectors.length) || 1);
  return vectors.map((v) => v.map((x, d) => ((x - mean[d]!) / std[d]!) * (weights?.[d] ?? 1)));
}

/** Average-linkage agglomerative clustering; returns the labels for every cluster count 1..maxK. */
function agglomerate(points: number[][], maxK: number): Map<number, number[]> {
  const d = points.map((p) => points.map((q) => dist(p, q)));
  let clusters = points.map((_, i) => [i]);
  const partitions = new Map<number, number[]>();
  const record = (): void => {
    const labels = new Array<number>(points.length).fill(0);
    clusters.forEach((members, c) => members.forEach((i) => (labels[i] = c)));
    partitions.set(clusters.length, labels);
  };
  while (clusters.length > 1) {
    if (clusters.length <= maxK) record();
    let best = { a: 0, b: 1, d: Infinity };
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let s = 0;
        for (const i of clusters[a]!) for (const j of clusters[b]!) s += d[i]![j]!;
        const avg = s / (clusters[a]!.length * clusters[b]!.length);
        if (avg < best.d) best = { a, b, d: avg };
      }
    }
    const merged = [...clusters[best.a]!, ...clusters[best.b]!];
    clusters = clusters.filter((_, i) => i !== best.a && i !== best.b).concat([merged]);
  }
  record();
  return partitions;
}

/** Mean silhouette of a labelling (−1..1; higher = tighter, better separated clusters). Pure. */
export function silhouette(points: number[][], labels: number[]): number {
  const ks = new Set(labels);
  if (ks.size < 2) return 0;
  let total = 0;
  points.forEach((p, i) => {
    const sums = new Map<number, { s: number; n: number }>();
    points.forEach((q, j) => {
      if (i === j) return;
      const e = sums.get(labels[j]!) ?? { s: 0, n: 0 };
      e.s += dist(p, q);
      e.n += 1;
      sums.set(labels[j]!, e);
    });
    const own = sums.get(labels[i]!);
    if (!own || own.n === 0) return; // singleton: silhouette 0
    const a = own.s / own.n;
    let b = Infinity;
    for (const [k, e] of sums) if (k !== labels[i]) b = Math.min(b, e.s / e.n);
    total += (b - a) / Math.max(a, b);
  });
  return total / points.length;
}

function bestPartition(points: number[][], maxK: number, minSilhouette: number): number[] {
  const partitions = agglomerate(points, maxK);
  let best = partitions.get(1)!;
  let bestScore = minSilhouette;
  for (const [k, labels] of partitions) {
    if (k < 2) continue;
    const score = silhouette(points, labels);
    if (score > bestScore) {
      bestScore = score;
      best = labels;
    }
  }
  return best;
}

function nearestCentre(points: number[][], sample: number[][], labels: number[]): number[] {
  const centres = [...new Set(labels)].map((k) => {
    const members = sample.filter((_, n) => labels[n] === k);
    return { k, c: members[0]!.map((_, d) => members.reduce((s, m) => s + m[d]!, 0) / members.length) };
  });
  return points.map((p) => centres.reduce((a, b) => (dist(p, b.c) < dist(p, a.c) ? b : a)).k);
}

/**
 * Groups utterances by voice: standardises their feature vectors, clusters them (average linkage) for every count
 * of speakers up to `maxSpeakers`, and keeps the count with the best silhouette. Utterances without features take
 * the label of the nearest earlier one. Labels are numbered by first appearance (0, 1, …). Pure.
 */
export function clusterSpeakers(features: (number[] | undefined)[], options: ClusterOptions = {}): number[] {
  const maxK = Math.max(1, options.maxSpeakers ?? 4);
  const index = features.flatMap((f, i) => (f ? [i] : []));
  const raw = new Array<number>(features.length).fill(0);
  if (index.length >= 3 && maxK > 1) {
    const points = standardise(
      index.map((i) => features[i]!),
      options.weights,
    );
    // Clustering is cubic in the number of points: long recordings cluster an evenly spread sample, then every
    // utterance joins the nearest cluster centre.
    const step = Math.ceil(points.length / Math.max(3, options.maxPoints ?? 300));
    const sample = points.filter((_, n) => n % step === 0);
    const sampleLabels = bestPartition(sample, Math.min(maxK, sample.length - 1), options.minSilhouette ?? 0.15);
    const labels = step === 1 ? sampleLabels : nearestCentre(points, sample, sampleLabels);
    index.forEach((i, n) => (raw[i] = labels[n]!));
  } else if (index.length === 2 && maxK > 1) {
    index.forEach((i, n) => (raw[i] = n));
  }
  let last = raw[index[0] ?? 0] ?? 0;
  features.forEach((f, i) => (f ? (last = raw[i]!) : (raw[i] = last)));
  const order = new Map<number, number>();
  return raw.map((l) => {
    if (!order.has(l)) order.set(l, order.size);
    return order.get(l)!;
  });
}
