import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';

import { buildBundle } from '../../../src/engines/fhir/bundle';
import { writeLocalNote } from '../../../src/engines/note/local';
import { renderNoteMarkdown, renderReportHtml } from '../../../src/engines/report';
import { highlightSegment } from '../../../src/engines/report/highlight';
import type { Manifest } from '../../../src/model/manifest';
import type { Note } from '../../../src/model/note';
import { encounterFixture } from '../fhir/fixtures';

const fixture = encounterFixture('enc-back-pain');
const note = writeLocalNote(fixture.transcript, fixture.analysis, 'soap');
const bundle = buildBundle(fixture.transcript, fixture.analysis, {
  encounterId: fixture.id,
  createdAt: '2026-11-23T10:00:00Z',
});
const manifest: Manifest = {
  encounterId: 'enc-back-pain',
  status: 'Completed',
  createdAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:01:00Z',
  input: { container: 'uploads', name: 'x.wav' },
  options: {},
  engines: {},
  timings: [],
  results: {},
  jobs: {},
  counts: {},
};
const EVIL = '<script>alert("x")</script> & [link](javascript:alert(1)) *bold*';

describe('renderNoteMarkdown', () => {
  test('sections of prose, evidence as superscript refs (no escaped brackets), cited segments quoted', () => {
    const md = renderNoteMarkdown(note, fixture.transcript);
    expect(md).toMatch(/^# SOAP note\n/);
    expect(md).toContain('## Subjective');
    expect(md).toContain('The patient denies weakness and bladder problems.<sup>s6</sup>');
    expect(md).not.toContain('\\[');
    expect(md).toContain('- **s6** (patient, B): No weakness and no bladder problems.');
    expect(md).not.toContain('**s1**'); // s1 is not cited
  });

  test('text cannot inject markup or links', () => {
    const evil: Note = {
      template: 'soap',
      engine: 'x',
      dropped: 1,
      sections: [{ id: 'plan', title: 'Plan', sentences: [{ text: EVIL, evidence: ['s1'] }] }],
    };
    const md = renderNoteMarkdown(evil);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('](javascript');
    expect(md).toContain('&#42;bold&#42;');
    expect(md).not.toContain('\\');
    expect(md).toContain('1 sentence(s) were left out');
  });
});

describe('faithfulness flags in the renderings', () => {
  const flagged: Note = {
    template: 'soap',
    engine: 'x',
    dropped: 0,
    sections: [
      {
        id: 'subjective',
        title: 'Subjective',
        sentences: [
          {
            text: 'The patient reports fever.',
            evidence: ['s3'],
            flags: [{ code: 'negation-flip', detail: 'fever: written as present, the evidence says absent' }],
          },
          { text: 'The patient reports back pain.', evidence: ['s2'] },
        ],
      },
    ],
  };

  test('note.md marks the sentence and lists the reason under its section', () => {
    const md = renderNoteMarkdown(flagged);
    expect(md).toContain(
      'The patient reports fever.<sup>s3</sup><sup>⚠</sup> The patient reports back pain.<sup>s2</sup>',
    );
    expect(md).toContain('> ⚠ negation-flip: fever: written as present, the evidence says absent');
  });

  test('report.html counts flagged sentences and shows each flag', () => {
    const html = renderReportHtml({ transcript: fixture.transcript, note: flagged });
    expect(html).toContain('Faithfulness check: 1 of 2 sentence(s) flagged (1 flag(s))');
    expect(html).toContain('<span class="sentence flagged">The patient reports fever.');
    expect(html).toContain('<li><b>negation-flip</b>: fever: written as present, the evidence says absent</li>');
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml({ transcript: fixture.transcript, analysis: fixture.analysis, note, bundle, manifest });

  test('self-contained and printable', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|src=|href="(https?:)?\/\//);
  });

  test('every segment has an anchor with speaker and role; every evidence link resolves', () => {
    for (const s of fixture.transcript.segments)
      expect(html).toContain(`id="seg-${s.id}"><span class="who">${s.id} · ${s.role} (${s.speaker})`);
    const links = [...html.matchAll(/href="#(seg-[^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBe(note.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)).length);
    for (const anchor of links) expect(html).toContain(`id="${anchor}"`);
  });

  test('entities are highlighted by assertion', () => {
    expect(html).toContain('<mark class="ent a-negative" title="SymptomOrSign · certainty: negative">weakness</mark>');
    expect(html).toContain(
      '<mark class="ent a-other" title="Diagnosis · association: other">rheumatoid arthritis</mark>',
    );
    expect(html).toContain('<mark class="ent a-conditional"');
    expect(html).toContain('<mark class="ent a-positive" title="MedicationName">acetaminophen</mark>');
  });

  test('FHIR summary lists resource counts and clinical rows', () => {
    expect(html).toContain('<tr><td>Condition</td><td>weakness</td><td>refuted</td></tr>');
    expect(html).toMatch(
      /<tr><td>MedicationStatement<\/td><td>naproxen — five hundred milligrams twice a day<\/td><td>intended<\/td><\/tr>/,
    );
    expect(html).toContain(`${bundle.entry!.length} resources`);
    expect(html).not.toContain('fhir-bundle.ta4h.json');
    const withTa4h = {
      ...fixture.analysis,
      fhirBundles: [{ documentId: '0', offset: 0, bundle: { resourceType: 'Bundle' } }],
    };
    expect(renderReportHtml({ transcript: fixture.transcript, analysis: withTa4h, note, bundle })).toContain(
      'kept unchanged in fhir-bundle.ta4h.json; the bundle summarised above (fhir-bundle.json) is the canonical one',
    );
  });

  test('everything is escaped: transcript, entities, note and bundle text', () => {
    const t = structuredClone(fixture.transcript);
    t.segments[0]!.text = EVIL;
    const evilNote: Note = {
      ...note,
      sections: [{ id: 'plan', title: EVIL, sentences: [{ text: EVIL, evidence: ['s1', '"><b>x'] }] }],
    };
    const evilBundle = structuredClone(bundle) as Bundle;
    (evilBundle.entry![4]!.resource as { code: { text: string } }).code.text = EVIL;
    const out = renderReportHtml({
      transcript: t,
      health: { ...fixture.analysis, entities: [] },
      note: evilNote,
      bundle: evilBundle,
    });
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('"><b>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
  });
});

test('highlightSegment skips overlapping and out-of-range entities', () => {
  const e = (id: string, offset: number, length: number) => ({
    id,
    text: 'x',
    category: 'C',
    offset: 10 + offset,
    length,
    segmentId: 's1',
    assertion: {},
    codes: [],
    confidence: 1,
  });
  expect(highlightSegment('chest pain <now>', 10, [e('a', 0, 10), e('b', 6, 4), e('c', 12, 40)])).toBe(
    '<mark class="ent a-positive" title="C">chest pain</mark> &lt;now&gt;',
  );
});
