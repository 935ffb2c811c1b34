// Wiring of the page: key prompt, encounter list, upload, review, delete, and polling of unfinished encounters only.
import { api, ApiError } from './api.js';
import { dropKeyFromUrl, getKey, setKey } from './auth.js';
import {
  detailUnfinished,
  refreshDetail,
  renderNoteView,
  select,
  showDetailError,
  view,
  wirePlayer,
} from './detail.js';
import { $ } from './dom.js';
import { setLabel } from './labels.js';
import { renderList } from './list.js';
import { FINISHED, statusOf } from './status.js';

const POLL_MS = 2500;
const WAITING_POLL_MS = 15_000;
const state = { items: [], timer: null, listed: false };

function showAlert(message) {
  $('alert').textContent = message;
  $('alert').hidden = !message;
}

function askForKey(message) {
  setKey('');
  $('key-form').hidden = false;
  $('change-key').hidden = true;
  showAlert(message || '');
  $('key').focus();
}

/** Shows an API error; `kind` says which later success may clear it (a list refresh clears only list errors). */
function handle(error, kind) {
  if (error instanceof ApiError && error.status === 401) askForKey(error.message);
  else showAlert(error.message || String(error));
  $('alert').dataset.kind = kind;
}

async function refreshList() {
  if (!getKey()) return;
  try {
    const { items } = await api.list();
    state.items = items;
    state.listed = true;
    $('key-form').hidden = true;
    $('change-key').hidden = false;
    if ($('alert').dataset.kind === 'list') showAlert('');
    renderList($('encounters').querySelector('tbody'), items, view.id, { open, remove });
    $('empty').hidden = items.length > 0;
  } catch (error) {
    handle(error, 'list');
  }
}

const listUnfinished = () => !state.listed || state.items.some((i) => !FINISHED.has(statusOf(i)));

/** Only a clinician moves an encounter on from review: no need to ask as often. */
const onlyWaiting = () =>
  state.items.every((i) => ['AwaitingReview', ...FINISHED].includes(statusOf(i))) &&
  ['AwaitingReview', ...FINISHED, null].includes(view.status);

/** Polls while something may still change, then stops; any user action starts it again. */
function schedule(soon = false) {
  clearTimeout(state.timer);
  const delay = !soon && state.listed && onlyWaiting() ? WAITING_POLL_MS : POLL_MS;
  state.timer = setTimeout(async () => {
    if (listUnfinished()) await refreshList();
    if (detailUnfinished()) await refreshDetail();
    if (getKey() && (listUnfinished() || detailUnfinished())) schedule();
  }, delay);
}

async function open(id) {
  await select(id);
  renderList($('encounters').querySelector('tbody'), state.items, id, { open, remove });
  schedule();
}

async function remove(id) {
  if (!confirm(`Delete encounter ${id} and everything derived from it? This cannot be undone.`)) return;
  try {
    await api.remove(id);
    setLabel(id, '');
    if (view.id === id) {
      view.id = null;
      view.gen += 1;
      $('detail').hidden = true;
    }
    showAlert('');
  } catch (error) {
    handle(error, 'delete');
  }
  await refreshList();
}

$('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  setKey($('key').value.trim());
  $('key').value = '';
  showAlert('');
  await refreshList();
  schedule();
});
$('change-key').addEventListener('click', () => askForKey(''));

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  const form = new FormData();
  form.append('template', $('template').value);
  form.append('review', String($('review').checked));
  form.append('file', file);
  $('upload-status').textContent = 'Uploading…';
  try {
    const body = await api.upload(form);
    setLabel(body.encounterId, file.name);
    $('upload-form').reset();
    await refreshList();
    await open(body.encounterId);
    $('upload-status').textContent = `Started encounter ${body.encounterId}`;
  } catch (error) {
    $('upload-status').textContent = `Upload failed: ${error.message}`;
    if (error instanceof ApiError && error.status === 401) askForKey(error.message);
  }
});

$('edit-note').addEventListener('click', () => {
  if (!view.data.note) return;
  view.draft = view.draft ? null : structuredClone(view.data.note);
  $('edit-note').textContent = view.draft ? 'Discard edits' : 'Edit note';
  renderNoteView();
});

async function review(action) {
  const id = view.id;
  const reviewer = $('reviewer').value.trim();
  if (action === 'approve' && !reviewer) {
    $('review-error').textContent = 'Enter your name to sign the note.';
    $('review-error').hidden = false;
    $('reviewer').focus();
    return;
  }
  const decision = { action, ...(reviewer ? { reviewer } : {}) };
  const comment = $('comment').value.trim();
  if (comment) decision.comment = comment;
  if (view.draft) decision.note = { sections: view.draft.sections };
  $('review-status').textContent = action === 'approve' ? 'Sending the approval…' : 'Sending the request…';
  try {
    await api.review(id, decision);
    if (view.id !== id) return;
    $('review-error').hidden = true;
    $('review-status').textContent = action === 'approve' ? 'Approved: finishing the record…' : 'Changes requested.';
    view.draft = null;
    $('edit-note').textContent = 'Edit note';
    view.versions = {};
    showDetailError('');
  } catch (error) {
    if (view.id !== id) return;
    $('review-status').textContent = '';
    $('review-error').textContent = error.message;
    $('review-error').hidden = false;
  }
  await refreshDetail();
  schedule(true);
}
$('review-box').addEventListener('submit', (event) => {
  event.preventDefault();
  void review('approve');
});
$('reviewer').addEventListener('input', () => ($('review-error').hidden = true));
$('request-changes').addEventListener('click', () => void review('request-changes'));

dropKeyFromUrl();
wirePlayer();
if (getKey()) void refreshList().then(schedule);
else askForKey('');
