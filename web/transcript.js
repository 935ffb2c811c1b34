// The transcript by speaker with role and time, entities highlighted by category and assertion, low-confidence
// words marked, and the audio player: click a segment to seek; the current segment and word follow playback.
import { clock, el } from './dom.js';

const LOW_CONFIDENCE = 0.6;

/** CSS class of an entity by its assertion (the same rules as report.html). */
export function assertionClass(entity) {
  const a = entity.assertion || {};
  if (a.association === 'other') return 'a-other';
  if (a.certainty === 'negative') return 'a-negative';
  if (a.conditionality) return 'a-conditional';
  if (a.certainty && a.certainty !== 'positive') return 'a-possible';
  if (a.temporal === 'past') return 'a-past';
  if (a.temporal === 'future') return 'a-future';
  return 'a-positive';
}

/** `Diagnosis · certainty: negative · …` for a tooltip. */
export const assertionLabel = (entity) =>
  [entity.category, ...Object.entries(entity.assertion || {}).map(([k, v]) => `${k}: ${v}`)].join(' · ');

/** Whitespace-separated tokens of a text with their character ranges. */
function tokens(text) {
  const out = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** One segment's text as word spans: entity words marked, words aligned to the recognizer's when counts agree. */
function segmentText(segment, offset, entities) {
  const words = segment.words || [];
  const toks = tokens(segment.text);
  const aligned = words.length === toks.length;
  const parts = [];
  let at = 0;
  toks.forEach((tok, i) => {
    if (tok.start > at) parts.push(segment.text.slice(at, tok.start));
    const entity = entities.find((e) => e.offset - offset < tok.end && e.offset - offset + e.length > tok.start);
    const word = aligned ? words[i] : undefined;
    const low = word && typeof word.conf === 'number' && word.conf < LOW_CONFIDENCE;
    const classes = ['w', entity && `ent ${assertionClass(entity)} cat-${entity.category}`, low && 'low-conf'];
    const title = [entity && assertionLabel(entity), low && `low recognizer confidence (${word.conf.toFixed(2)})`];
    parts.push(
      el(
        'span',
        {
          class: classes.filter(Boolean).join(' '),
          title: title.filter(Boolean).join(' — ') || undefined,
          dataset: word ? { start: String(word.start), end: String(word.end) } : undefined,
        },
        tok.text,
      ),
    );
    at = tok.end;
  });
  if (at < segment.text.length) parts.push(segment.text.slice(at));
  return parts;
}

/**
 * Renders the transcript into `list`; `onSeek(segment)` runs when a segment's time is activated. Entity offsets are
 * into the full text (segments joined by '\n').
 */
export function renderTranscript(list, transcript, health, onSeek) {
  const entities = (health && health.entities) || [];
  // Documents have no times (every segment at 0): show ids only.
  const timed = transcript.segments.some((s) => s.end > 0);
  let offset = 0;
  list.replaceChildren(
    ...transcript.segments.map((segment) => {
      const mine = entities.filter((e) => e.segmentId === segment.id);
      const li = el(
        'li',
        { id: `seg-${segment.id}`, class: `seg role-${segment.role}`, tabindex: '-1', dataset: { id: segment.id } },
        el(
          'div',
          { class: 'who' },
          el('span', { class: 'speaker' }, `${segment.role} (${segment.speaker})`),
          el(
            'button',
            {
              type: 'button',
              class: 'time',
              title: timed ? `Play from ${clock(segment.start)}` : undefined,
              'aria-label': timed
                ? `Segment ${segment.id} at ${clock(segment.start)}: play from here`
                : `Segment ${segment.id}`,
              onclick: () => onSeek(segment),
            },
            timed ? `${segment.id} · ${clock(segment.start)}` : segment.id,
          ),
        ),
        el('p', { class: 'text' }, segmentText(segment, offset, mine)),
      );
      offset += segment.text.length + 1;
      return li;
    }),
  );
}

/** Marks one segment as the focus (evidence click, seek): highlighted, scrolled into view, focused. */
export function highlightSegment(list, id, { scroll = true } = {}) {
  for (const li of list.querySelectorAll('li.seg.current')) if (li.dataset.id !== id) li.classList.remove('current');
  const li = list.querySelector(`li.seg[data-id="${CSS.escape(id)}"]`);
  if (!li) return;
  li.classList.add('current');
  if (scroll) {
    li.scrollIntoView({ block: 'center', behavior: 'smooth' });
    li.focus({ preventScroll: true });
  }
}

/** While playing: the segment and word at `time` are highlighted (no scrolling, so reading is not disturbed). */
export function followPlayback(list, transcript, time) {
  const segment = transcript.segments.find((s) => time >= s.start && time < s.end);
  if (segment) highlightSegment(list, segment.id, { scroll: false });
  for (const w of list.querySelectorAll('span.w.playing')) w.classList.remove('playing');
  if (!segment) return;
  for (const w of list.querySelectorAll(`li[data-id="${CSS.escape(segment.id)}"] span.w[data-start]`)) {
    if (time >= Number(w.dataset.start) && time < Number(w.dataset.end)) w.classList.add('playing');
  }
}
