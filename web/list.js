// The encounter table: one row per encounter, redrawn only when its data changed (so focus and selection survive).
import { clock, el, formatDuration, formatTime } from './dom.js';
import { labelOf } from './labels.js';
import { FINISHED, LABELS, statusOf } from './status.js';

const rows = new Map();

function row(item, handlers) {
  const status = statusOf(item);
  const label = labelOf(item.encounterId);
  const ms = Date.parse(item.updatedAt) - Date.parse(item.createdAt);
  return el(
    'tr',
    { dataset: { id: item.encounterId, status } },
    el(
      'td',
      {},
      el(
        'button',
        { type: 'button', class: 'link open', onclick: () => handlers.open(item.encounterId) },
        label || item.encounterId.slice(0, 16),
      ),
      label ? el('span', { class: 'id muted' }, ` ${item.encounterId.slice(0, 12)}…`) : null,
    ),
    el('td', { class: 'wide' }, item.type || ''),
    el('td', { class: 'wide' }, item.duration ? clock(item.duration) : '—'),
    el('td', {}, el('span', { class: `badge status-${status}` }, LABELS[status] || status)),
    el('td', { class: 'wide' }, FINISHED.has(status) ? formatDuration(ms) : '…'),
    el('td', {}, formatTime(item.createdAt)),
    el(
      'td',
      {},
      el(
        'button',
        {
          type: 'button',
          class: 'link danger',
          'aria-label': `Delete encounter ${label || item.encounterId}`,
          onclick: () => handlers.remove(item.encounterId),
        },
        'Delete',
      ),
    ),
  );
}

/** Renders the items newest first; rows whose data did not change are kept as they are. */
export function renderList(tbody, items, selectedId, handlers) {
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const seen = new Set();
  const nodes = sorted.map((item) => {
    const key = JSON.stringify([item, labelOf(item.encounterId)]);
    seen.add(item.encounterId);
    const known = rows.get(item.encounterId);
    if (known && known.key === key) return known.tr;
    const tr = row(item, handlers);
    rows.set(item.encounterId, { key, tr });
    return tr;
  });
  for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
  const same = nodes.length === tbody.children.length && nodes.every((n, i) => tbody.children[i] === n);
  if (!same) tbody.replaceChildren(...nodes);
  for (const tr of nodes) tr.classList.toggle('selected', tr.dataset.id === selectedId);
}
