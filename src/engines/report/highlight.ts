import type { Entity } from '../../model/health';
import { escapeHtml } from './escape';

/** CSS class of an entity by its assertion: what the reader must not confuse (negated vs present…). */
export function assertionClass(entity: Entity): string {
  const a = entity.assertion;
  if (a.association === 'other') return 'a-other';
  if (a.certainty === 'negative') return 'a-negative';
  if (a.conditionality) return 'a-conditional';
  if (a.certainty && a.certainty !== 'positive') return 'a-possible';
  if (a.temporal === 'past') return 'a-past';
  if (a.temporal === 'future') return 'a-future';
  return 'a-positive';
}

/** Human label of the assertion, for the tooltip. */
function assertionLabel(entity: Entity): string {
  const parts = Object.entries(entity.assertion).map(([k, v]) => `${k}: ${v}`);
  return [entity.category, ...parts].join(' · ');
}

/**
 * A segment's text as HTML with its entities wrapped in <mark>; `offset` is where the segment starts in the full
 * transcript text. Overlapping entities: the earlier (then longer) one wins. Everything is escaped.
 */
export function highlightSegment(text: string, offset: number, entities: Entity[]): string {
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  let html = '';
  let at = 0;
  for (const e of sorted) {
    const start = e.offset - offset;
    const end = start + e.length;
    if (start < at || end > text.length || start < 0) continue;
    html += escapeHtml(text.slice(at, start));
    html += `<mark class="ent ${assertionClass(e)}" title="${escapeHtml(assertionLabel(e))}">${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}
