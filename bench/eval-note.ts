/**
 * `npm run eval:note -- <path to ACI-BENCH valid.csv> [--template soap|hp|…] [--out DIR]`: writes the offline note
 * for every dialogue of an ACI-BENCH challenge_data CSV (offline health engine → offline note engine, as the
 * pipeline runs them), scores it against the clinician's note with ROUGE-1/2/L F1 (rouge_score's default
 * tokenizer, no stemming, per-note F1 averaged; see bench/rouge.ts) and prints it beside the whole-transcript
 * baseline. The corpus path comes from the command line: no corpus text lives in this repository.
 * `--out DIR` writes each note's Markdown and an audit sheet (each sentence beside the segments it cites) for the
 * hand audit, outside the repository: they hold corpus text. Headline figure last.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLocalHealthEngine } from '../src/engines/health/local/engine';
import { planChunks } from '../src/engines/health/planChunks';
import { writeLocalNote } from '../src/engines/note/local';
import { verifyNote } from '../src/engines/note/verify';
import { renderNoteMarkdown, renderNoteText } from '../src/engines/report';
import { type Note, NOTE_TEMPLATES, type NoteTemplate } from '../src/model/note';
import type { Transcript } from '../src/model/transcript';
import { readAciNotes } from './aciBench';
import { aciTranscript } from './aciTranscript';
import { averageRouge, rouge, type RougeScores, rougeTokens } from './rouge';

interface Row {
  name: string;
  scores: RougeScores[];
  words: number[];
}

const f = (x: number): string => (100 * x).toFixed(1).padStart(5);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function printRow(row: Row): void {
  const a = averageRouge(row.scores);
  console.log(
    `| ${row.name.padEnd(34)} | ${f(a.rouge1.f1)} | ${f(a.rouge2.f1)} | ${f(a.rougeL.f1)} | ${f(a.rouge1.precision)} | ${f(a.rouge1.recall)} | ${Math.round(mean(row.words)).toString().padStart(5)} |`,
  );
}

/** For the hand audit: each sentence with the words of the segments it cites, one block per sentence. */
function auditSheet(note: Note, transcript: Transcript): string {
  const text = new Map(transcript.segments.map((s) => [s.id, `${s.role}: ${s.text}`]));
  return note.sections
    .flatMap((section) =>
      section.sentences.map((s, i) =>
        [
          `[${section.id} ${i + 1}] ${s.text}${s.flags ? `  ⚠ ${s.flags.map((f) => f.code).join(', ')}` : ''}`,
          ...s.evidence.map((id) => `    ${id} ${text.get(id) ?? ''}`),
        ].join('\n'),
      ),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const csv = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const option = (name: string): string | undefined => args[args.indexOf(`--${name}`) + 1];
  if (!csv) throw new Error('usage: eval-note <ACI-BENCH challenge_data/valid.csv> [--template T] [--out DIR]');
  const templates = (args.includes('--template') ? [option('template')] : ['soap', 'hp', 'progress']) as NoteTemplate[];
  for (const t of templates) if (!NOTE_TEMPLATES.includes(t)) throw new Error(`unknown template ${t}`);
  const out = args.includes('--out') ? option('out') : undefined;
  if (out) mkdirSync(out, { recursive: true });

  const encounters = readAciNotes(csv);
  const engine = createLocalHealthEngine();
  const rows: Row[] = templates.map((t) => ({ name: `offline note, ${t}`, scores: [], words: [] }));
  const whole: Row = { name: 'whole transcript as the note', scores: [], words: [] };
  let sentences = 0;
  let withEvidence = 0;
  let flagged = 0;
  let dropped = 0;
  for (const enc of encounters) {
    const transcript = aciTranscript(enc.dialogue);
    const analysis = await engine.analyze(planChunks(transcript, 5000));
    const transcriptText = transcript.segments.map((s) => s.text).join('\n');
    whole.scores.push(rouge(transcriptText, enc.note));
    whole.words.push(rougeTokens(transcriptText).length);
    templates.forEach((template, i) => {
      const note = verifyNote(writeLocalNote(transcript, analysis, template), transcript, analysis);
      const text = renderNoteText(note);
      dropped += note.dropped;
      rows[i]!.scores.push(rouge(text, enc.note));
      rows[i]!.words.push(rougeTokens(text).length);
      for (const s of note.sections.flatMap((x) => x.sentences)) {
        sentences++;
        if (s.evidence.length > 0) withEvidence++;
        if (s.flags?.length) flagged++;
      }
      if (out) {
        writeFileSync(join(out, `${enc.id}.${template}.md`), renderNoteMarkdown(note, transcript));
        writeFileSync(join(out, `${enc.id}.${template}.audit.txt`), auditSheet(note, transcript));
      }
    });
  }
  console.log(`ACI-BENCH ${csv.split('/').pop()}: ${encounters.length} dialogues`);
  console.log('| system (F1 × 100; precision/recall of ROUGE-1) | R-1 | R-2 | R-L | R-1 P | R-1 R | words |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of [...rows, whole]) printRow(row);
  console.log(
    `sentences: ${sentences}, with evidence ${f(withEvidence / Math.max(1, sentences))} %, flagged by the faithfulness check ${flagged}, paraphrases left out by it ${dropped}`,
  );
  console.log(`ROUGE-1 (${templates[0]}): ${f(averageRouge(rows[0]!.scores).rouge1.f1).trim()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
