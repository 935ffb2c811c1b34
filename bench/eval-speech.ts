/**
 * `npm run eval:speech`: the offline speech engine on the synthesized gold encounters. Prints per fixture the
 * word error rate, the share of words given to the right speaker, whether both roles are right and the real-time
 * factor (wall time / audio duration, on this machine's cores), then the mean WER as the headline last line.
 * Options: `--format wav|mp3|ogg` (default wav), `--concurrency N`.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { LocalSpeechEngine } from '../src/engines/speech/local/LocalSpeechEngine';
import { speakerAccuracy } from '../src/engines/speech/speakerAccuracy';
import { wordErrorRate } from '../src/engines/speech/wordErrorRate';
import { setLogSink } from '../src/log';
import { goldSpeakerAt, goldText, listEncounters, loadScript, synthesizeEncounter } from '../tests/helpers/synthesize';

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { format: { type: 'string', default: 'wav' }, concurrency: { type: 'string' } },
  });
  const format = values.format as 'wav' | 'mp3' | 'ogg';
  const concurrency = values.concurrency ? Number(values.concurrency) : availableParallelism();
  setLogSink(() => undefined);
  const engine = new LocalSpeechEngine({ concurrency });
  const rows: string[] = [];
  let werSum = 0;
  let audioSum = 0;
  let wallSum = 0;
  let cpuSum = 0;
  const ids = await listEncounters();
  for (const id of ids) {
    const [enc, script] = await Promise.all([synthesizeEncounter(id), loadScript(id)]);
    const cpuBefore = cpuSeconds();
    const started = process.hrtime.bigint();
    const t = await engine.transcribe({ path: enc[format] }, {});
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuSeconds() - cpuBefore;
    const wer = wordErrorRate(goldText(enc.turns), t.segments.map((s) => s.text).join(' '));
    const score = speakerAccuracy(t, (x) => goldSpeakerAt(enc.turns, x));
    const rolesOk =
      t.speakers.length === 2 && t.speakers.every((s) => script.speakers[score.mapping[s.id] ?? '']?.role === s.role);
    werSum += wer;
    audioSum += enc.duration;
    wallSum += wall;
    cpuSum += cpu;
    rows.push(
      `| ${id} | ${format} | ${enc.duration.toFixed(1)} | ${wer.toFixed(3)} | ${(score.accuracy * 100).toFixed(1)} % | ${t.speakers.length} | ${rolesOk ? 'yes' : 'no'} | ${(wall / enc.duration).toFixed(3)} | ${(cpu / enc.duration).toFixed(3)} |`,
    );
  }
  process.stdout.write(
    [
      `Offline speech engine (pocketsphinx, ${concurrency} parallel windows, ${availableParallelism()} cores), ${new Date().toISOString().slice(0, 10)}`,
      '',
      '| fixture | format | audio s | WER | speaker accuracy | speakers | roles right | RTF (wall) | CPU s per audio s |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `overall RTF (wall): ${(wallSum / audioSum).toFixed(3)}; CPU s per audio s: ${(cpuSum / audioSum).toFixed(3)}; load average at end: ${loadavg()[0]!.toFixed(1)}`,
      `mean WER: ${(werSum / ids.length).toFixed(3)}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`eval-speech: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
