// The FHIR bundle as a readable table of resources and a collapsible tree; raw JSON is a download.
import { el } from './dom.js';

/** A short human summary of a resource: its code or name, and its status. */
function summary(resource) {
  const concept = resource.code || resource.medicationCodeableConcept || resource.type;
  const text =
    (concept && (concept.text || (concept.coding && concept.coding[0] && concept.coding[0].display))) ||
    resource.title ||
    (resource.name && resource.name[0] && (resource.name[0].text || resource.name[0].family)) ||
    '';
  const status =
    resource.status ||
    (resource.clinicalStatus && resource.clinicalStatus.coding && resource.clinicalStatus.coding[0].code) ||
    '';
  const verification =
    resource.verificationStatus && resource.verificationStatus.coding && resource.verificationStatus.coding[0].code;
  return { text, status: [status, verification].filter(Boolean).join(' · ') };
}

/** A JSON value as nested lists (objects and arrays collapsible), depth-limited. */
function tree(value, depth = 0) {
  if (value === null || typeof value !== 'object') return el('span', { class: 'json-leaf' }, JSON.stringify(value));
  if (depth > 8) return el('span', { class: 'muted' }, '…');
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return el(
    'ul',
    { class: 'json' },
    entries.map(([k, v]) =>
      v !== null && typeof v === 'object'
        ? el('li', {}, el('details', { open: depth < 1 }, el('summary', {}, k), tree(v, depth + 1)))
        : el('li', {}, el('span', { class: 'json-key' }, `${k}: `), tree(v, depth + 1)),
    ),
  );
}

/** Renders the resource table and tree of a bundle. */
export function renderFhir(container, bundle) {
  const entries = (bundle && bundle.entry) || [];
  const rows = entries.map((e) => {
    const r = e.resource || {};
    const s = summary(r);
    return el('tr', {}, el('td', {}, r.resourceType || ''), el('td', {}, s.text), el('td', {}, s.status));
  });
  container.replaceChildren(
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        { class: 'fhir-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Resource'), el('th', {}, 'What'), el('th', {}, 'Status'))),
        el('tbody', {}, rows),
      ),
    ),
    el(
      'details',
      { class: 'fhir-tree' },
      el('summary', {}, `Bundle as a tree (${entries.length} entries)`),
      tree(bundle),
    ),
  );
}
