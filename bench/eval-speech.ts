/**
 * `npm run eval:speech`: the offline speech engine on three sets (bench/speechSets.ts) — the scripted encounters,
 * the fresh encounters the clinical language model never saw, and the LibriVox read-speech clips. Prints per item
 * the word error rate, clinical-term recall, speaker accuracy, roles and real-time factor, then per set the
 * confidence calibration (how many words under 0.5 confidence are wrong vs right), with the mean WER of the
 * scripted encounters as the headline last line.
 * Options: `--set scripted|fresh|librivox|all` (default all), `--model clinical|stock` (default clinical: the
 * model built by `npm run speech-model:install`), `--only <id>`, `--format wav|mp3|ogg`, `--concurrency N`.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { clinicalModel } from '../src/engines/speech/local/clinicalModel';
import { LocalSpeechEngine } from '../src/engines/speech/local/LocalSpeechEngine';
import { speakerAccuracy } from '../src/engines/speech/speakerAccuracy';
import { alignHits, termRecall } from '../src/engines/speech/wordAlignment';
import { normaliseWords, wordErrorRate } from '../src/engines/speech/wordErrorRate';
import { setLogSink } from '../src/log';
import { goldSpeakerAt } from '../tests/helpers/synthesize';
import { type EvalSet, loadEvalSet } from './speechSets';

/** CPU seconds of this process and its reaped children (the recognizers), from /proc; 0 elsewhere. */
function cpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime are fields 14–17 of stat; index 11–14 after the command name.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  } catch {
    return 0;
  }
}

interface Totals {
  items: number;
  wer: number;
  refWords: number;
  errors: number;
  termsFound: number;
  terms: number;
  audio: number;
  wall: number;
  cpu: number;
  /** Words by confidence band (< 0.5 or not) and correctness. */
  low: { wrong: number; right: number };
  high: { wrong: number; right: number };
  missed: string[];
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);

async function evalSet(set: EvalSet, engine: LocalSpeechEngine, format: 'wav' | 'mp3' | 'ogg', only?: string) {
  const items = await loadEvalSet(set, format, only);
  const t: Totals = {
    ...{ items: 0, wer: 0, refWords: 0, errors: 0, termsFound: 0, terms: 0, audio: 0, wall: 0, cpu: 0 },
    ...{ low: { wrong: 0, right: 0 }, high: { wrong: 0, right: 0 }, missed: [] },
  };
  const rows: string[] = [];
  for (const item of items) {
    const cpuBefore = cpuSeconds();
    const started = process.hrtime.bigint();
    const tr = await engine.transcribe({ path: item.path }, {});
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuSeconds() - cpuBefore;
    const duration = item.duration || tr.duration;
    const words = tr.segments.flatMap((s) => s.words);
    const ref = normaliseWords(item.reference);
    const hyp = words.map((w) => normaliseWords(w.w).join(' '));
    const hits = alignHits(ref, hyp);
    words.forEach((w, i) => (w.conf < 0.5 ? t.low : t.high)[hits.hyp[i] ? 'right' : 'wrong']++);
    const recall = termRecall(ref, hits.ref, item.terms.map(normaliseWords));
    const wer = wordErrorRate(item.reference, hyp.join(' '));
    let speakers = '';
    if (item.turns) {
      const turns = item.turns;
      const score = speakerAccuracy(tr, (x) => goldSpeakerAt(turns, x));
      const rolesOk =
        tr.speakers.length === 2 && tr.speakers.every((s) => item.roles?.[score.mapping[s.id] ?? ''] === s.role);
      speakers = ` ${(score.accuracy * 100).toFixed(1)} % | ${tr.speakers.length} | ${rolesOk ? 'yes' : 'no'} |`;
    }
    Object.assign(t, {
      items: t.items + 1,
      wer: t.wer + wer,
      refWords: t.refWords + ref.length,
      errors: t.errors + wer * ref.length,
      termsFound: t.termsFound + recall.found,
      terms: t.terms + recall.total,
      audio: t.audio + duration,
      wall: t.wall + wall,
      cpu: t.cpu + cpu,
    });
    t.missed.push(...recall.missed);
    rows.push(
      `| ${item.id} | ${duration.toFixed(1)} | ${wer.toFixed(3)} | ${recall.found}/${recall.total} |${speakers} ${(wall / duration).toFixed(3)} | ${(cpu / duration).toFixed(3)} |`,
    );
  }
  const speakerCols = items[0]?.turns ? ' speaker accuracy | speakers | roles right |' : '';
  const lines = [
    `### ${set} (${items.length} items)`,
    '',
    `| item | audio s | WER | clinical terms |${speakerCols} RTF (wall) | CPU s per audio s |`,
    `|${'---|'.repeat(speakerCols ? 9 : 6)}`,
    ...rows,
    '',
    `${set}: mean WER ${(t.wer / Math.max(1, t.items)).toFixed(3)}; pooled WER ${(t.errors / Math.max(1, t.refWords)).toFixed(3)}; clinical terms recognized ${t.termsFound}/${t.terms} (${pct(t.termsFound, t.terms)}); RTF (wall) ${(t.wall / t.audio).toFixed(3)}; CPU s per audio s ${(t.cpu / t.audio).toFixed(3)}`,
    `${set}: words under 0.5 confidence: ${t.low.wrong + t.low.right} (wrong ${t.low.wrong}, right ${t.low.right}: ${pct(t.low.wrong, t.low.wrong + t.low.right)} wrong); at or above 0.5: ${t.high.wrong + t.high.right} (${pct(t.high.wrong, t.high.wrong + t.high.right)} wrong)`,
    ...(t.missed.length ? [`${set}: missed terms: ${t.missed.join(', ')}`] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return t;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'all' },
      model: { type: 'string', default: 'clinical' },
      only: { type: 'string' },
      format: { type: 'string', default: 'wav' },
      concurrency: { type: 'string' },
    },
  });
  const format = values.format as 'wav' | 'mp3' | 'ogg';
  const sets: EvalSet[] = values.set === 'all' ? ['scripted', 'fresh', 'librivox'] : [values.set as EvalSet];
  const concurrency = values.concurrency ? Number(values.concurrency) : availableParallelism();
  const model = values.model === 'stock' ? {} : clinicalModel();
  if (!model) throw new Error('clinical model not built: run npm run speech-model:install');
  setLogSink(() => undefined);
  const engine = new LocalSpeechEngine({ concurrency, pocketsphinx: model });
  process.stdout.write(
    `Offline speech engine (pocketsphinx, ${values.model} language model, ${concurrency} parallel windows, ${availableParallelism()} cores, load average at start ${loadavg()[0]!.toFixed(1)}), ${new Date().toISOString().slice(0, 10)}\n\n`,
  );
  const results = new Map<EvalSet, Totals>();
  for (const set of sets) results.set(set, await evalSet(set, engine, format, values.only));
  process.stdout.write(`load average at end: ${loadavg()[0]!.toFixed(1)}\n`);
  const headline = results.get('scripted') ?? [...results.values()][0]!;
  process.stdout.write(`mean WER: ${(headline.wer / Math.max(1, headline.items)).toFixed(3)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`eval-speech: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
