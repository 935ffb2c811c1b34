import type { Note, NoteSentence } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { TEMPLATES } from '../note/templates';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  _: '&#95;',
  '`': '&#96;',
  '\\': '&#92;',
  '|': '&#124;',
};

/**
 * Makes text inert in Markdown without backslashes in the reading copy: the few characters that could start
 * markup, links or HTML become character references (a renderer shows the character itself), and a line cannot
 * start a heading, list or quote.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[&<>[\]*_`\\|]/g, (c) => ENTITIES[c]!)
    .replace(/^([#>+\-=~]|\d+[.)])/, (m) => `&#${m.charCodeAt(0)};${m.slice(1)}`);
}

const refs = (s: NoteSentence): string => `<sup>${s.evidence.map(markdownText).join(', ')}</sup>`;
const flagMark = (s: NoteSentence): string => (s.flags?.length ? '<sup>⚠</sup>' : '');

/** All flags of a note, one line each, under the section they belong to. */
function flagLines(sentences: NoteSentence[]): string[] {
  return sentences.flatMap((s) =>
    (s.flags ?? []).map((f) => `> ⚠ ${markdownText(f.code)}: ${markdownText(f.detail)} (“${markdownText(s.text)}”)`),
  );
}

/**
 * note.md: the note as a clinician reads it — each section a paragraph of prose, each sentence followed by the
 * transcript segments it cites as a superscript; sentences the faithfulness check flagged are marked ⚠ and the
 * reasons listed below the section. With the transcript, the cited segments are quoted at the end.
 */
export function renderNoteMarkdown(note: Note, transcript?: Transcript): string {
  const lines = [
    `# ${TEMPLATES[note.template].title}`,
    '',
    `_Written by the ${markdownText(note.engine)} note engine. Superscripts cite transcript segments; ⚠ marks a sentence the faithfulness check could not match to its evidence._`,
  ];
  if (note.dropped > 0)
    lines.push(
      '',
      `_${note.dropped} sentence(s) were left out: no valid evidence, or a paraphrase that failed the faithfulness check._`,
    );
  for (const section of note.sections) {
    lines.push('', `## ${markdownText(section.title)}`, '');
    if (section.sentences.length === 0) lines.push('_Nothing documented._');
    else lines.push(section.sentences.map((s) => `${markdownText(s.text)}${refs(s)}${flagMark(s)}`).join(' '));
    const flags = flagLines(section.sentences);
    if (flags.length > 0) lines.push('', ...flags);
  }
  if (transcript) {
    const cited = new Set(note.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)));
    const quoted = transcript.segments.filter((s) => cited.has(s.id));
    if (quoted.length > 0) {
      lines.push('', '## Cited transcript segments', '');
      for (const s of quoted)
        lines.push(`- **${markdownText(s.id)}** (${s.role}, ${markdownText(s.speaker)}): ${markdownText(s.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The note as plain text (section titles and prose, no citations): what ROUGE and word counts read. */
export function renderNoteText(note: Note): string {
  return note.sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => `${s.title.toUpperCase()}\n${s.sentences.map((x) => x.text).join(' ')}`)
    .join('\n\n');
}
