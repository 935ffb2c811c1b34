import type { Entity } from '../../model/health';

/** What an encounter says about a concept: present (had or has it), absent, possible, or `none` (no fact at all). */
export type FactStatus = 'present' | 'absent' | 'possible' | 'none';
export type FactSubject = 'patient' | 'family';

/** One key fact: a concept (by key, see conceptKey) with its status and whose it is. */
export interface Fact {
  key: string;
  name: string;
  status: FactStatus;
  subject: FactSubject;
}

/** Categories whose mentions are key facts (problems, medications, allergies). */
export const FACT_CATEGORIES = new Set(['Diagnosis', 'SymptomOrSign', 'MedicationName', 'MedicationClass', 'Allergen']);
/** When mentions disagree, the encounter-level status is the first of these found. */
const PRECEDENCE: FactStatus[] = ['present', 'possible', 'absent'];

/** The identity of a concept: its first code, else its category and name. */
export const conceptKey = (codes: Entity['codes'], category: string, name: string): string =>
  codes[0] ? `${codes[0].system}:${codes[0].code}` : `${category}:${name.toLowerCase()}`;

/**
 * Encounter-level facts from entity mentions. Questions still open (neutralPossible) and hypothetical mentions claim
 * nothing; negative is absent; the other uncertain certainties are possible; association other is the family's.
 */
export function factsOf(entities: readonly Entity[]): Fact[] {
  const found = new Map<string, Fact>();
  for (const e of entities) {
    if (!FACT_CATEGORIES.has(e.category)) continue;
    const { certainty, conditionality, association } = e.assertion;
    if (certainty === 'neutralPossible' || conditionality === 'hypothetical') continue;
    const status: FactStatus =
      certainty === 'negative'
        ? 'absent'
        : certainty === undefined || certainty === 'positive'
          ? 'present'
          : 'possible';
    const subject: FactSubject = association === 'other' ? 'family' : 'patient';
    const name = e.normalizedText ?? e.text.toLowerCase();
    const key = conceptKey(e.codes, e.category, e.codes[0] ? name : e.text);
    const id = `${key}|${subject}`;
    const prev = found.get(id);
    if (!prev || PRECEDENCE.indexOf(status) < PRECEDENCE.indexOf(prev.status))
      found.set(id, { key, name, status, subject });
  }
  return [...found.values()];
}

/** Counts of one comparison and what went wrong, by concept name. */
export interface FactScore {
  gold: number;
  right: number;
  predictedJudged: number;
  wrongStatus: string[];
  missed: string[];
  falsePositives: string[];
}

/**
 * Compares predicted facts with gold ones. Recall is over gold facts with a status other than `none`; precision is
 * over the predicted facts about concepts the gold names (any subject), so a fact asserted with the wrong status or
 * about the wrong person, or one asserted for a `none` concept, counts against it. Facts about concepts the gold
 * does not name are not judged.
 */
export function scoreFacts(gold: readonly Fact[], predicted: readonly Fact[]): FactScore {
  const score: FactScore = { gold: 0, right: 0, predictedJudged: 0, wrongStatus: [], missed: [], falsePositives: [] };
  const goldKeys = new Set(gold.map((g) => g.key));
  const goldById = new Map<string, Fact>();
  // Two gold names for one concept ("dizziness", "lightheaded") are one fact: the first stands.
  for (const g of gold) if (!goldById.has(`${g.key}|${g.subject}`)) goldById.set(`${g.key}|${g.subject}`, g);
  for (const g of goldById.values()) {
    if (g.status === 'none') continue;
    score.gold++;
    const p = predicted.find((x) => x.key === g.key && x.subject === g.subject);
    if (p?.status === g.status) score.right++;
    else if (p) score.wrongStatus.push(`${g.name} (${g.subject}): ${p.status} for ${g.status}`);
    else score.missed.push(`${g.name} (${g.subject}) ${g.status}`);
  }
  for (const p of predicted) {
    if (!goldKeys.has(p.key)) continue;
    score.predictedJudged++;
    const g = goldById.get(`${p.key}|${p.subject}`);
    if (!g) score.falsePositives.push(`${p.name} (${p.subject}) ${p.status}`);
    else if (g.status === 'none') score.falsePositives.push(`${g.name} (${p.subject}) ${p.status} for none`);
  }
  return score;
}
