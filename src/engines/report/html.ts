import type { Bundle } from '@medplum/fhirtypes';

import type { HealthAnalysis } from '../../model/health';
import type { Manifest } from '../../model/manifest';
import { countFlags, type Note, type NoteSentence } from '../../model/note';
import type { ReviewDecision } from '../../model/pipeline';
import type { Transcript } from '../../model/transcript';
import { transcriptText } from '../../model/transcriptText';
import { TA4H_BUNDLE_BLOB } from '../fhir/ta4h';
import { TEMPLATES } from '../note/templates';
import { escapeHtml as h, segmentAnchor } from './escape';
import { renderFhirSummary } from './fhirSummary';
import { highlightSegment } from './highlight';
import { REPORT_CSS } from './styles';

export interface ReportInput {
  transcript: Transcript;
  /** The health analysis (`health` is accepted as an alias). */
  analysis?: HealthAnalysis;
  health?: HealthAnalysis;
  note: Note;
  bundle?: Bundle;
  manifest?: Manifest;
  /** The clinician's decision, when the encounter was reviewed. */
  review?: ReviewDecision;
}

/** Who approved the note and when, or the warning that no clinician has. */
function approvalLine(review: ReviewDecision | undefined): string {
  if (review?.action !== 'approve')
    return '<p class="meta">Machine-generated from the recording; a clinician must review it before use.</p>';
  const who = review.reviewer?.trim() || 'an unnamed reviewer';
  const when = review.reviewedAt ? ` on ${review.reviewedAt.replace('T', ' ').slice(0, 16)} UTC` : '';
  const comment = review.comment?.trim() ? ` Comment: ${review.comment.trim()}` : '';
  return `<p class="meta approved">Machine-generated from the recording; reviewed and approved by ${h(who)}${h(when)}.${h(comment)}</p>`;
}

const clock = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function renderSentence(x: NoteSentence, known: Set<string>): string {
  const refs = x.evidence
    .map((id) =>
      known.has(id) ? `<a class="ev" href="#${segmentAnchor(id)}">${h(id)}</a>` : `<span class="ev">${h(id)}</span>`,
    )
    .join('');
  const flags = x.flags?.length
    ? `<span class="flag" title="${h(x.flags.map((f) => `${f.code}: ${f.detail}`).join('\n'))}">⚠</span>`
    : '';
  return `<span class="sentence${flags ? ' flagged' : ''}">${h(x.text)}<sup>${refs}</sup>${flags}</span>`;
}

function renderNote(note: Note, known: Set<string>): string {
  const sections = note.sections.map((s) => {
    const body = s.sentences.length
      ? s.sentences.map((x) => renderSentence(x, known)).join(' ')
      : '<span class="empty">Nothing documented.</span>';
    const flags = s.sentences.flatMap((x) =>
      (x.flags ?? []).map((f) => `<li><b>${h(f.code)}</b>: ${h(f.detail)}</li>`),
    );
    const list = flags.length ? `\n<ul class="flags">${flags.join('')}</ul>` : '';
    return `<h3>${h(s.title)}</h3>\n<p>${body}</p>${list}`;
  });
  const dropped = note.dropped
    ? `<p class="meta">${note.dropped} sentence(s) were left out: no valid evidence, or a paraphrase that failed the faithfulness check.</p>`
    : '';
  const { sentences, flaggedSentences, flags } = countFlags(note);
  const checked = `<p class="meta">Faithfulness check: ${flaggedSentences} of ${sentences} sentence(s) flagged (${flags} flag(s)); flagged sentences are marked ⚠ and must be checked against their evidence.</p>`;
  return `<p class="meta">${h(TEMPLATES[note.template].title)} · engine ${h(note.engine)}</p>${dropped}${checked}\n${sections.join('\n')}`;
}

function renderTranscript(transcript: Transcript, analysis: HealthAnalysis | undefined): string {
  const { spans } = transcriptText(transcript);
  const bySegment = new Map<string, HealthAnalysis['entities']>();
  for (const e of analysis?.entities ?? []) bySegment.set(e.segmentId, [...(bySegment.get(e.segmentId) ?? []), e]);
  const legend = [
    ['a-positive', 'present'],
    ['a-negative', 'negated'],
    ['a-possible', 'possible'],
    ['a-conditional', 'conditional / hypothetical'],
    ['a-other', 'someone else (family)'],
    ['a-past', 'past'],
    ['a-future', 'planned'],
  ]
    .map(([c, label]) => `<mark class="ent ${c}">${label}</mark>`)
    .join('');
  const rows = transcript.segments.map((s, i) => {
    const text = highlightSegment(s.text, spans[i]!.offset, bySegment.get(s.id) ?? []);
    return `<div class="seg role-${h(s.role)}" id="${segmentAnchor(s.id)}"><span class="who">${h(s.id)} · ${h(s.role)} (${h(s.speaker)})<span class="time">${clock(s.start)}–${clock(s.end)}</span></span><span>${text}</span></div>`;
  });
  return `<p class="legend">${legend}</p>\n${rows.join('\n')}`;
}

function renderHeader(input: ReportInput, analysis: HealthAnalysis | undefined): string {
  const m = input.manifest;
  const rows: Array<[string, string]> = [];
  if (m) rows.push(['Encounter', m.encounterId], ['Status', m.status], ['Created', m.createdAt]);
  rows.push([
    'Transcript',
    `${input.transcript.segments.length} segments · ${clock(input.transcript.duration)} · ${input.transcript.engine} · ${input.transcript.locale}`,
  ]);
  if (analysis)
    rows.push([
      'Clinical entities',
      `${analysis.entities.length} entities · ${analysis.relations.length} relations · ${analysis.engine}`,
    ]);
  if (m?.error) rows.push(['Failed stage', `${m.error.stage}: ${m.error.code}`]);
  return `<table>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</table>`;
}

function ta4hNote(analysis: HealthAnalysis | undefined): string {
  const n = analysis?.fhirBundles?.length ?? 0;
  if (n === 0) return '';
  return `<p class="meta">Text Analytics for Health also returned ${n} FHIR bundle(s), kept unchanged in ${TA4H_BUNDLE_BLOB}; the bundle summarised above (fhir-bundle.json) is the canonical one.</p>`;
}

/**
 * report.html: a self-contained, printable page — the note with evidence links to transcript anchors, the transcript
 * by speaker with roles and entities highlighted by assertion, and a FHIR summary. All text is HTML-escaped.
 */
export function renderReportHtml(input: ReportInput): string {
  const analysis = input.analysis ?? input.health;
  const known = new Set(input.transcript.segments.map((s) => s.id));
  const title = `Clinscribe report${input.manifest ? ` — ${input.manifest.encounterId}` : ''}`;
  return `<!DOCTYPE html>
<html lang="${h(input.transcript.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>${h(title)}</h1>
${approvalLine(input.review)}
${renderHeader(input, analysis)}
<h2 id="note">Clinical note</h2>
${renderNote(input.note, known)}
<h2 id="transcript">Transcript</h2>
${renderTranscript(input.transcript, analysis)}
<h2 id="fhir">FHIR R4 bundle</h2>
${input.bundle ? renderFhirSummary(input.bundle) : '<p class="empty">No FHIR bundle.</p>'}
${ta4hNote(analysis)}
</body>
</html>
`;
}
