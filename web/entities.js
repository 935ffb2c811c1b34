// The side list of what was found: problems, medications, allergies and observations, with codes and assertions.
import { el } from './dom.js';
import { assertionClass, assertionLabel } from './transcript.js';

const GROUPS = [
  { title: 'Problems', categories: ['Diagnosis', 'SymptomOrSign', 'ConditionQualifier'] },
  { title: 'Medications', categories: ['MedicationName', 'MedicationClass', 'Dosage', 'Frequency', 'MedicationRoute'] },
  { title: 'Allergies', categories: ['Allergen'] },
  {
    title: 'Observations',
    categories: ['ExaminationName', 'MeasurementValue', 'MeasurementUnit', 'TreatmentName', 'BodyStructure'],
  },
];

const codeText = (codes) =>
  (codes || [])
    .slice(0, 3)
    .map((c) => `${String(c.system || '').replace(/^https?:\/\/[^/]+\//, '')} ${c.code}`)
    .join(' · ');

/** Renders the grouped entity list; `onSelect(segmentId)` jumps to where it was said. */
export function renderEntities(container, health, onSelect) {
  const entities = (health && health.entities) || [];
  const groups = GROUPS.map((g) => ({ ...g, items: entities.filter((e) => g.categories.includes(e.category)) }));
  container.replaceChildren(
    ...groups.map((g) =>
      el(
        'section',
        { class: 'entity-group' },
        el('h4', {}, `${g.title} (${g.items.length})`),
        g.items.length === 0
          ? el('p', { class: 'muted' }, 'None found.')
          : el(
              'ul',
              {},
              g.items.map((e) =>
                el(
                  'li',
                  {},
                  el(
                    'button',
                    {
                      type: 'button',
                      class: `entity ent ${assertionClass(e)}`,
                      title: assertionLabel(e),
                      onclick: () => onSelect(e.segmentId),
                    },
                    e.text,
                  ),
                  el('span', { class: 'assertion' }, ` ${assertionClass(e).slice(2)}`),
                  codeText(e.codes) ? el('span', { class: 'codes' }, ` ${codeText(e.codes)}`) : null,
                ),
              ),
            ),
      ),
    ),
  );
}
