// The encounter view. Every load is tagged with the selection it was made for; a late answer for an encounter that
// is no longer selected is dropped, so the view never mixes two encounters.
import { api } from './api.js';
import { $, download, el, formatTime } from './dom.js';
import { renderEntities } from './entities.js';
import { renderFhir } from './fhir.js';
import { labelOf } from './labels.js';
import { renderNote } from './note.js';
import { FINISHED, LABELS, STEPS, statusOf, stepStates } from './status.js';
import { followPlayback, highlightSegment, renderTranscript } from './transcript.js';

const AUDIO_TYPES = new Set(['wav', 'mp3', 'm4a', 'ogg', 'flac', 'webm']);
const DOWNLOADS = [
  ['transcript', 'transcript', 'transcript.json'],
  ['health', 'health', 'health.json'],
  ['fhir', 'fhir', 'fhir-bundle.json'],
  ['note', 'note', 'note.json'],
  ['noteMarkdown', 'note.md', 'note.md'],
  ['report', 'report', 'report.html'],
];

/** What is shown, and for which encounter. */
export const view = {
  id: null,
  gen: 0,
  status: null,
  shown: '',
  data: {},
  versions: {},
  draft: null,
  audioUrl: null,
};

const current = (gen) => gen === view.gen;
const tag = (node) => node.setAttribute('data-encounter', view.id || '');

/** Shows a lasting error in the detail view (cleared only by the next successful action of the user). */
export function showDetailError(message) {
  $('detail-error').textContent = message;
  $('detail-error').hidden = !message;
}

/** Switches to an encounter: everything of the previous one is cleared before anything of the new one loads. */
export function select(id) {
  view.gen += 1;
  view.id = id;
  view.status = null;
  view.shown = '';
  view.data = {};
  view.versions = {};
  view.draft = null;
  if (view.audioUrl) URL.revokeObjectURL(view.audioUrl);
  view.audioUrl = null;
  const player = $('player');
  player.pause();
  player.removeAttribute('src');
  player.hidden = true;
  $('detail').hidden = false;
  $('detail').dataset.id = id;
  $('detail-id').textContent = id;
  $('detail-label').textContent = labelOf(id);
  $('detail-status').textContent = 'Loading…';
  $('detail-badge').textContent = '';
  $('steps').replaceChildren();
  $('review-box').hidden = true;
  $('approval').hidden = true;
  $('review-status').textContent = '';
  $('review-error').hidden = true;
  showDetailError('');
  for (const pane of ['note', 'transcript', 'entities', 'fhir', 'artifacts']) {
    $(pane).replaceChildren();
    tag($(pane));
  }
  $('note').append(el('p', { class: 'muted' }, 'The note appears when it is written.'));
  return refreshDetail();
}

/** Whether the shown encounter may still change (so it is worth polling). */
export const detailUnfinished = () => Boolean(view.id) && !FINISHED.has(view.status || '');

function renderStatus(encounter, status) {
  const { manifest, runtime } = encounter;
  const custom = runtime && runtime.customStatus;
  $('detail-badge').textContent = LABELS[status] || status;
  $('detail-badge').className = `badge status-${status}`;
  const running = custom && !FINISHED.has(status) && status !== 'AwaitingReview';
  const progress = manifest && manifest.progress;
  const inStage = running && progress && progress.stage === custom.stage && progress.total > 0;
  const detail = inStage
    ? ` — ${custom.detail}: ${Math.round(progress.done)} of ${Math.round(progress.total)} ${progress.unit} of audio`
    : running
      ? ` — ${custom.detail}`
      : '';
  $('detail-status').textContent = `${LABELS[status] || status}${detail}`;
  if (manifest && manifest.error)
    showDetailError(`Failed at ${manifest.error.stage}: ${manifest.error.message} (${manifest.error.code})`);
  else if (status === 'Terminated') showDetailError('Processing was stopped before it finished.');
  const states = manifest ? stepStates(manifest, runtime) : STEPS.map(() => 'todo');
  $('steps').replaceChildren(
    ...STEPS.map((step, i) => el('li', { class: `step step-${states[i]}` }, `${step.label}: ${states[i]}`)),
  );
  $('review-box').hidden = status !== 'AwaitingReview';
  const decision = manifest && manifest.options && manifest.options.reviewDecision;
  $('approval').hidden = !(decision && decision.action === 'approve');
  if (decision && decision.action === 'approve')
    $('approval').textContent =
      `Approved by ${decision.reviewer || 'an unnamed reviewer'}` +
      (decision.reviewedAt ? ` on ${formatTime(decision.reviewedAt)}` : '') +
      (decision.comment ? ` — “${decision.comment}”` : '');
}

function renderDownloads(id, results) {
  $('artifacts').replaceChildren(
    ...DOWNLOADS.filter(([key]) => results[key]).map(([, name, file]) =>
      el(
        'button',
        {
          type: 'button',
          class: 'download',
          onclick: async () => {
            try {
              await download(await api.raw(id, name), `${id}-${file}`);
            } catch (error) {
              showDetailError(error.message);
            }
          },
        },
        `⤓ ${file}`,
      ),
    ),
  );
}

/** Jumps to a segment: highlight it and, when there is audio, seek there. */
export function focusSegment(id) {
  highlightSegment($('transcript'), id);
  const segment = view.data.transcript && view.data.transcript.segments.find((s) => s.id === id);
  if (segment && view.audioUrl) $('player').currentTime = segment.start;
}

export function renderNoteView() {
  if (!view.data.note) return;
  renderNote($('note'), view.data.note, {
    draft: view.draft,
    onRef: focusSegment,
    segments: view.data.transcript ? view.data.transcript.segments.map((s) => s.id) : [],
    onDraftChange: () => {},
  });
  tag($('note'));
}

function renderParts(changed) {
  const { transcript, health, fhir } = view.data;
  if ((changed.has('transcript') || changed.has('health')) && transcript) {
    renderTranscript($('transcript'), transcript, health, (segment) => {
      highlightSegment($('transcript'), segment.id, { scroll: false });
      if (view.audioUrl) {
        $('player').currentTime = segment.start;
        void $('player')
          .play()
          .catch(() => {});
      }
    });
    tag($('transcript'));
  }
  if (changed.has('health') && health) {
    renderEntities($('entities'), health, focusSegment);
    tag($('entities'));
  }
  if (changed.has('note') && !view.draft) renderNoteView();
  if (changed.has('fhir') && fhir) {
    renderFhir($('fhir'), fhir);
    tag($('fhir'));
  }
}

async function loadAudio(id, gen, type) {
  if (view.audioUrl || !AUDIO_TYPES.has(type)) return;
  view.audioUrl = 'loading';
  try {
    const blob = await (await api.raw(id, 'audio')).blob();
    if (!current(gen)) return;
    view.audioUrl = URL.createObjectURL(blob);
    $('player').src = view.audioUrl;
    $('player').hidden = false;
    $('player').setAttribute('aria-label', `Recording of encounter ${id}`);
    tag($('player'));
  } catch (error) {
    if (current(gen)) {
      view.audioUrl = null;
      showDetailError(`The recording could not be loaded: ${error.message}`);
    }
  }
}

/** Reloads the selected encounter: status always; artifacts only when new or changed. */
export async function refreshDetail() {
  const { id, gen } = view;
  if (!id) return;
  let encounter;
  try {
    encounter = await api.get(id);
  } catch (error) {
    if (current(gen)) showDetailError(error.message);
    return;
  }
  if (!current(gen)) return;
  const status = statusOf(encounter);
  const statusChanged = status !== view.status;
  view.status = status;
  // Redraw the status only when it changed, so a poll does not disturb what the user is reading or selecting.
  const m = encounter.manifest || {};
  const shown = JSON.stringify([
    status,
    encounter.runtime && encounter.runtime.customStatus,
    m.progress,
    m.error,
    m.timings,
    m.options,
  ]);
  if (shown !== view.shown) renderStatus(encounter, status);
  view.shown = shown;
  const manifest = encounter.manifest;
  if (!manifest) return;
  const results = manifest.results || {};
  if (statusChanged) renderDownloads(id, results);
  tag($('artifacts'));
  void loadAudio(id, gen, manifest.input.type);
  const changed = new Set();
  await Promise.all(
    ['transcript', 'health', 'note', 'fhir'].map(async (name) => {
      const ref = results[name];
      const version = ref ? `${ref.etag}|${status}` : undefined;
      if (!version || view.versions[name] === version) return;
      const data = await api.artifact(id, name).catch(() => undefined);
      if (!current(gen) || data === undefined) return;
      view.data[name] = data;
      view.versions[name] = version;
      changed.add(name);
    }),
  );
  if (current(gen) && changed.size) renderParts(changed);
}

/** Playback follows the transcript. */
export function wirePlayer() {
  $('player').addEventListener('timeupdate', () => {
    if (view.data.transcript) followPlayback($('transcript'), view.data.transcript, $('player').currentTime);
  });
}
