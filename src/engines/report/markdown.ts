import type { Note } from '../../model/note';
import type { Transcript } from '../../model/transcript';
import { TEMPLATES } from '../note/templates';
import { escapeMarkdown } from './escape';

/**
 * note.md: the note by section, each sentence followed by the segments it cites; with the transcript, the cited
 * segments are quoted at the end so a reader can check every sentence.
 */
export function renderNoteMarkdown(note: Note, transcript?: Transcript): string {
  const lines = [
    `# ${TEMPLATES[note.template].title}`,
    '',
    `_Written by the ${escapeMarkdown(note.engine)} note engine. Every sentence cites the transcript segments it rests on._`,
  ];
  if (note.dropped > 0) lines.push('', `_${note.dropped} sentence(s) without valid evidence were removed._`);
  for (const section of note.sections) {
    lines.push('', `## ${escapeMarkdown(section.title)}`, '');
    if (section.sentences.length === 0) lines.push('_Nothing documented._');
    for (const s of section.sentences) lines.push(`- ${escapeMarkdown(s.text)} \\[${s.evidence.join(', ')}\\]`);
  }
  if (transcript) {
    const cited = new Set(note.sections.flatMap((s) => s.sentences.flatMap((x) => x.evidence)));
    const quoted = transcript.segments.filter((s) => cited.has(s.id));
    if (quoted.length > 0) {
      lines.push('', '## Cited transcript segments', '');
      for (const s of quoted)
        lines.push(`- **${s.id}** (${s.role}, ${escapeMarkdown(s.speaker)}): ${escapeMarkdown(s.text)}`);
    }
  }
  return lines.join('\n') + '\n';
}
