// The note by section: each sentence's evidence refs are buttons that jump to the transcript; sentences flagged by
// the faithfulness check are marked and listed first. In edit mode sentences are text areas (evidence kept) and
// new sentences can be added; edited and new ones are marked as clinician-written.
import { el } from './dom.js';

const flagsOf = (sentence) => (Array.isArray(sentence.flags) ? sentence.flags : []);

function refs(sentence, onRef) {
  return sentence.evidence.map((id) =>
    el(
      'button',
      {
        type: 'button',
        class: 'ref',
        'aria-label': `Evidence ${id}: show in the transcript`,
        onclick: () => onRef(id),
      },
      id,
    ),
  );
}

function flagBadges(sentence) {
  return flagsOf(sentence).map((f) => el('span', { class: 'flag', title: f.detail || '' }, `⚑ ${f.code}`));
}

function readSentence(sentence, onRef) {
  const classes = ['sentence', flagsOf(sentence).length && 'flagged', sentence.origin === 'clinician' && 'clinician'];
  return el(
    'p',
    { class: classes.filter(Boolean).join(' ') },
    el('span', { class: 'text' }, sentence.text),
    sentence.origin === 'clinician' ? el('span', { class: 'origin' }, ' clinician') : null,
    ' ',
    flagBadges(sentence),
    refs(sentence, onRef),
  );
}

function editSentence(sentence, label, onRef, onChange, onRemove) {
  const area = el('textarea', { rows: 2, 'aria-label': label, value: sentence.text });
  area.value = sentence.text;
  area.addEventListener('input', () => onChange(area.value));
  return el(
    'div',
    { class: `sentence editing${sentence.origin === 'clinician' ? ' clinician' : ''}` },
    area,
    el(
      'div',
      { class: 'sentence-tools' },
      flagBadges(sentence),
      refs(sentence, onRef),
      el('button', { type: 'button', class: 'link', onclick: onRemove }, 'Remove'),
    ),
  );
}

/**
 * Renders `note` (or, when `draft` is given, the editable draft) into `container`. `onRef(segmentId)` jumps to
 * evidence; `segments` lists the transcript's segment ids a new sentence may cite.
 */
export function renderNote(container, note, { draft, onRef, segments, onDraftChange }) {
  const shown = draft || note;
  const flagged = shown.sections.flatMap((s) => s.sentences.filter((x) => flagsOf(x).length).map((x) => [s, x]));
  const rerender = () => renderNote(container, note, { draft, onRef, segments, onDraftChange });
  const parts = [];
  if (flagged.length)
    parts.push(
      el(
        'section',
        { class: 'flagged-list', 'aria-label': 'Flagged sentences' },
        el('h4', {}, `Flagged by the faithfulness check (${flagged.length})`),
        el(
          'ul',
          {},
          flagged.map(([s, x]) => el('li', {}, el('strong', {}, `${s.title}: `), readSentence(x, onRef))),
        ),
      ),
    );
  for (const section of shown.sections) {
    const body = draft
      ? section.sentences.map((sentence, i) =>
          editSentence(
            sentence,
            `${section.title}, sentence ${i + 1}`,
            onRef,
            (text) => {
              sentence.text = text;
              sentence.origin = 'clinician';
              onDraftChange();
            },
            () => {
              section.sentences.splice(i, 1);
              onDraftChange();
              rerender();
            },
          ),
        )
      : section.sentences.length
        ? section.sentences.map((s) => readSentence(s, onRef))
        : [el('p', { class: 'muted' }, 'Nothing documented.')];
    parts.push(
      el(
        'section',
        { class: 'note-section' },
        el('h4', {}, section.title),
        body,
        draft ? addForm(section, segments, () => (onDraftChange(), rerender())) : null,
      ),
    );
  }
  container.replaceChildren(...parts);
}

function addForm(section, segments, onAdd) {
  const text = el('input', {
    type: 'text',
    'aria-label': `New sentence for ${section.title}`,
    placeholder: 'New sentence',
  });
  const evidence = el(
    'select',
    { 'aria-label': `Evidence of the new sentence in ${section.title}` },
    segments.map((id) => el('option', { value: id }, id)),
  );
  const add = () => {
    if (!text.value.trim()) return text.focus();
    section.sentences.push({ text: text.value.trim(), evidence: [evidence.value], origin: 'clinician' });
    onAdd();
  };
  return el(
    'div',
    { class: 'add-sentence' },
    text,
    evidence,
    el('button', { type: 'button', onclick: add }, 'Add sentence'),
  );
}
