/**
 * `npm run eval:dialogue -- <challenge_data CSV>…`: key facts (problems, medications, allergies, each with its
 * status and subject) found by the offline health engine on ACI-BENCH train/valid dialogues, against the hand-made
 * gold in tests/fixtures/gold/aci/dialogue-facts.json. Prints recall and precision of facts with the right
 * assertion, per encounter and overall, and what went wrong by concept name (never corpus text).
 * `--show <encounterId>` prints the facts found in one encounter, gold or not, to judge by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createLocalHealthEngine } from '../src/engines/health/local/engine';
import { loadLexicon } from '../src/engines/health/local/loadLexicon';
import { matchLexicon } from '../src/engines/health/local/match';
import { tokenize } from '../src/engines/health/local/tokenize';
import { planChunks } from '../src/engines/health/planChunks';
import type { Fact, FactScore, FactStatus, FactSubject } from '../src/engines/health/scoreFacts';
import { conceptKey, factsOf, scoreFacts } from '../src/engines/health/scoreFacts';
import { aciTranscript, readAciCsv } from './aciTranscript';

function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const GOLD = join(packageRoot(__dirname), 'tests', 'fixtures', 'gold', 'aci', 'dialogue-facts.json');
const pct = (n: number, d: number): string => (d === 0 ? '   - ' : ((100 * n) / d).toFixed(1).padStart(5) + ' %');

/** The gold concept as the lexicon reads it (the whole term must be one lexicon concept), else an unmatched key. */
function resolve(name: string): { key: string; resolved: boolean } {
  const tokens = tokenize(name);
  const words = tokens.filter((t) => t.kind !== 'punct').length;
  const hit = matchLexicon(tokens, loadLexicon()).find(
    (m) => m.start === 0 && tokens.slice(m.start, m.end).filter((t) => t.kind !== 'punct').length === words,
  );
  if (!hit) return { key: `unresolved:${name}`, resolved: false };
  return { key: conceptKey(hit.concept.codes, hit.concept.category, name), resolved: true };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showAt = args.indexOf('--show');
  const show = showAt >= 0 ? args[showAt + 1] : undefined;
  const paths = args.filter((a, i) => !a.startsWith('--') && (showAt < 0 || i !== showAt + 1));
  if (paths.length === 0) throw new Error('usage: eval-dialogue <challenge_data/valid.csv> [train.csv] [--show ID]');
  const encounters = new Map(paths.flatMap((p) => readAciCsv(p)).map((e) => [e.encounterId, e]));
  const engine = createLocalHealthEngine();
  const factsFor = async (id: string): Promise<Fact[]> => {
    const e = encounters.get(id);
    if (!e) throw new Error(`encounter ${id} is not in the CSV files given`);
    return factsOf((await engine.analyze(planChunks(aciTranscript(e.dialogue), 5000))).entities);
  };
  if (show) {
    for (const f of await factsFor(show))
      console.log(`${f.status.padEnd(9)} ${f.subject.padEnd(8)} ${f.name}  [${f.key}]`);
    return;
  }
  const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as Record<
    'encounters' | 'heldout',
    Record<string, [string, FactStatus, FactSubject?][]>
  >;
  for (const group of ['encounters', 'heldout'] as const) {
    const present = Object.fromEntries(Object.entries(gold[group]).filter(([id]) => encounters.has(id)));
    if (Object.keys(present).length > 0)
      await scoreGroup(group === 'heldout' ? 'held out' : 'annotated', present, factsFor);
  }
}

/** Scores one group of gold encounters and prints its table, errors and totals. */
async function scoreGroup(
  label: string,
  group: Record<string, [string, FactStatus, FactSubject?][]>,
  factsFor: (id: string) => Promise<Fact[]>,
): Promise<void> {
  console.log(`\n${label}:`);
  const unresolved = new Set<string>();
  const total: FactScore = { gold: 0, right: 0, predictedJudged: 0, wrongStatus: [], missed: [], falsePositives: [] };
  let wrongJudged = 0;
  console.log('encounter   gold  right  recall    judged  precision');
  for (const [id, rows] of Object.entries(group)) {
    const goldFacts: Fact[] = rows.map(([name, status, subject]) => {
      const { key, resolved } = resolve(name);
      if (!resolved) unresolved.add(name);
      return { key, name, status, subject: subject ?? 'patient' };
    });
    const s = scoreFacts(goldFacts, await factsFor(id));
    const rightJudged = s.predictedJudged - s.falsePositives.length - s.wrongStatus.length;
    wrongJudged += s.predictedJudged - rightJudged;
    console.log(
      `${id.padEnd(10)} ${String(s.gold).padStart(5)} ${String(s.right).padStart(6)}  ${pct(s.right, s.gold)}  ${String(s.predictedJudged).padStart(6)}  ${pct(rightJudged, s.predictedJudged)}`,
    );
    total.gold += s.gold;
    total.right += s.right;
    total.predictedJudged += s.predictedJudged;
    total.wrongStatus.push(...s.wrongStatus.map((x) => `${id} ${x}`));
    total.missed.push(...s.missed.map((x) => `${id} ${x}`));
    total.falsePositives.push(...s.falsePositives.map((x) => `${id} ${x}`));
  }
  for (const [label, list] of [
    ['wrong status', total.wrongStatus],
    ['missed', total.missed],
    ['false positives', total.falsePositives],
  ] as const)
    if (list.length > 0) console.log(`\n${label} (${list.length}):\n  ${list.join('\n  ')}`);
  if (unresolved.size > 0) console.log(`\nnot in the lexicon (${unresolved.size}): ${[...unresolved].join(', ')}`);
  const rightJudged = total.predictedJudged - wrongJudged;
  console.log(
    `\nkey facts with the right assertion, ${label} (${Object.keys(group).length} encounters, ${total.gold} facts): recall ${pct(total.right, total.gold)} (${total.right}/${total.gold})  precision ${pct(rightJudged, total.predictedJudged)} (${rightJudged}/${total.predictedJudged})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
