import type { Entity, HealthAnalysis } from '../../model/health';
import type { Transcript } from '../../model/transcript';
import { createFactGuards } from '../facts/guards';
import { familyRelationOf } from '../fhir/conditions';
import { assertionOf, type BuildContext, createContext } from '../fhir/context';
import { formatAmount, formatValue, nameOf, withSite } from './phrases';

/** What a fact says, which decides the section and the sentence it goes into. */
export type FactKind =
  | 'chiefComplaint'
  | 'visitReason'
  | 'symptom'
  | 'possibleSymptom'
  | 'uncertainSymptom'
  | 'negative'
  | 'reportedResult'
  | 'history'
  | 'medication'
  | 'allergy'
  | 'familyHistory'
  | 'socialHistory'
  | 'result'
  | 'examFinding'
  | 'diagnosis'
  | 'possibleDiagnosis'
  | 'unlikelyDiagnosis'
  | 'consideredDiagnosis'
  | 'ruledOut'
  | 'planMedication'
  | 'planProcedure'
  | 'declined'
  | 'conditionalPlan'
  | 'examNegative'
  | 'returnPrecaution'
  // The speaker's own cleaned words in the third person (facts/readNarrative), one sentence each.
  | 'complaintNarrative'
  | 'introNarrative'
  | 'hpiNarrative'
  | 'examNarrative'
  | 'resultsNarrative'
  | 'assessmentNarrative'
  | 'planNarrative';

/** One clinical fact in note wording, with the transcript segments it rests on. */
export interface Fact {
  kind: FactKind;
  phrase: string;
  evidence: string[];
  /** Plan verb said in the transcript ("Start", "Increase"…), when there was one. */
  verb?: string;
}

const DATE = /^\d{1,2}\/\d{1,2}(\/\d{2,4})?$/;
/** Kinds that deny or hedge: never written for a concept the visit states as present. */
const NEGATIVE_KINDS = new Set<FactKind>([
  'negative',
  'ruledOut',
  'declined',
  'unlikelyDiagnosis',
  'consideredDiagnosis',
  'possibleDiagnosis',
  'possibleSymptom',
  'uncertainSymptom',
]);

const PLAN_VERBS: ReadonlyArray<[RegExp, string]> = [
  [/\b(start|begin|initiate)\b/i, 'Start'],
  [/\bincrease\b/i, 'Increase'],
  [/\b(decrease|reduce|lower)\b/i, 'Decrease'],
  [/\b(stop|discontinue)\b/i, 'Stop'],
  [/\bcontinue\b/i, 'Continue'],
  [/\brepeat\b/i, 'Repeat'],
  [/\border\b/i, 'Order'],
  [/\brefer\b/i, 'Refer to'],
];
const PRONOUN = /\b(i|my|me|you|your|we|our)\b/i;

function planVerb(transcript: Transcript, entity: Entity): string | undefined {
  const text = transcript.segments.find((s) => s.id === entity.segmentId)?.text ?? '';
  const at = text.indexOf(entity.text);
  const window = at < 0 ? '' : text.slice(Math.max(0, at - 30), at);
  return PLAN_VERBS.filter(([p]) => p.test(window))
    .map(([, v]) => v)
    .pop();
}

/** A time phrase usable in third-person prose ("for two weeks"), or undefined ("when I climb stairs"). */
function timePhrase(time: Entity | undefined, preposition = 'for'): string | undefined {
  if (!time || PRONOUN.test(time.text)) return undefined;
  const t = time.text.trim();
  if (/^(yesterday|last \w+|this \w+)$/i.test(t)) return `since ${t}`;
  return /^(since|for|in|at|during|after|before|over|every|each|ago)\b/i.test(t) || /\bago$/i.test(t)
    ? t
    : `${preposition} ${t}`;
}

function medicationPhrase(ctx: BuildContext, med: Entity, verb?: string): string {
  const dose = ctx.related(med, 'DosageOfMedication')[0];
  const parts = [
    nameOf(med),
    dose && (verb === 'Increase' || verb === 'Decrease' ? `to ${formatAmount(dose.text)}` : formatAmount(dose.text)),
  ];
  for (const type of ['RouteOfMedication', 'FrequencyOfMedication']) parts.push(ctx.related(med, type)[0]?.text);
  parts.push(timePhrase(ctx.related(med, 'TimeOfMedication')[0]));
  return parts.filter(Boolean).join(' ');
}

/**
 * The fact kind of a hedged mention, by TA4H certainty: positivePossible is suspected, negativePossible unlikely,
 * neutralPossible only under consideration; a patient's hedged symptom is reported as uncertain unless it leans
 * positive. Reading every hedge as "suspected" would turn "appendicitis is unlikely" into its opposite.
 */
function possibleKind(certainty: string, diagnostic: boolean): FactKind {
  if (!diagnostic) return certainty === 'positivePossible' ? 'possibleSymptom' : 'uncertainSymptom';
  if (certainty === 'negativePossible') return 'unlikelyDiagnosis';
  return certainty === 'neutralPossible' ? 'consideredDiagnosis' : 'possibleDiagnosis';
}

/** Extracts note facts from the analysis, skipping what was only asked about and never affirmed. */
export function extractFacts(transcript: Transcript, analysis: HealthAnalysis): Fact[] {
  const ctx = createContext(transcript, analysis, '', '');
  const guards = createFactGuards(transcript, analysis);
  const facts: Fact[] = [];
  const entities = [...analysis.entities].sort((a, b) => a.offset - b.offset || a.id.localeCompare(b.id));
  let complaint = false;
  for (const e of entities) {
    const stance = ctx.stanceOf(e);
    if (stance.kind === 'unanswered') continue;
    // A finding asked about and answered "yes" is present: the question's own hedge ("is it hurting?") is not
    // the patient's uncertainty.
    const asserted = assertionOf(e);
    const a = guards.deniedAfter(e)
      ? { ...asserted, certainty: 'negative' }
      : stance.kind === 'affirmed' && asserted.certainty !== 'negative'
        ? { ...asserted, certainty: 'positive' }
        : asserted;
    const clinician = stance.kind === 'stated' && ctx.roleOf(e.segmentId) === 'clinician';
    const evidence = (...related: Array<Entity | undefined>): string[] => [
      ...new Set([
        e.segmentId,
        ...(stance.kind === 'affirmed' ? [stance.answerSegmentId] : []),
        ...related.filter((r): r is Entity => !!r).map((r) => r.segmentId),
      ]),
    ];
    const add = (kind: FactKind, phrase: string, ev = evidence(), verb?: string) => {
      // Never deny, hedge, rule out or call "not indicated" what the visit elsewhere states as present.
      if (NEGATIVE_KINDS.has(kind) && guards.statedPresent(e)) return;
      facts.push(verb ? { kind, phrase, evidence: ev, verb } : { kind, phrase, evidence: ev });
    };
    const possible = a.certainty !== 'positive' && a.certainty !== 'negative';
    // Asked about, explained or listed as a risk: hedges and negations read there are not the clinician's. A
    // definite finding stated that way is not a fact about the patient either (a negation still is: "no fever?").
    const finding = e.category === 'Diagnosis' || e.category === 'SymptomOrSign' || e.category === 'SubstanceUse';
    if (finding && guards.notAFinding(e) && a.certainty !== 'negative' && !(stance.kind === 'affirmed')) continue;
    if (guards.otherSense(e)) continue;
    // The patient's own finding, in a sentence that also names a relative: leave it to the speaker's own words.
    if (finding && a.association !== 'other' && guards.nearRelative(e)) continue;
    const name = nameOf(e);
    switch (ctx.isAllergen(e) ? 'Allergen' : e.category) {
      case 'SymptomOrSign':
      case 'Diagnosis': {
        if (a.association === 'other') {
          const relative = familyRelationOf(ctx, e);
          if (relative && a.certainty !== 'negative' && !a.conditionality) {
            add(
              'familyHistory',
              `${relative.text.toLowerCase()} ${a.temporal === 'past' ? 'had' : 'has'} ${name}`,
              evidence(relative),
            );
          }
        } else if (a.conditionality) {
          if (clinician && e.category === 'SymptomOrSign' && guards.act(e) === 'safety-net')
            add('returnPrecaution', name);
        } else if (a.certainty === 'negative') {
          // The clinician's dictated "no edema" is an exam finding, never a denial by the patient.
          const act = guards.act(e);
          if (clinician && e.category === 'Diagnosis') add('ruledOut', name);
          else if (clinician && act === 'exam-dictation') add('examNegative', name);
          else if (!clinician || act === 'history-recap') add('negative', name);
        } else if (ctx.allergySegments.has(e.segmentId) || (ctx.allergySegments.size > 0 && /^allerg/i.test(e.text)))
          continue;
        else if (possible) add(possibleKind(a.certainty, clinician || e.category === 'Diagnosis'), name);
        else if (clinician) {
          const site = ctx.related(e, 'BodySiteOfCondition')[0];
          // A diagnosis is written by its name: body-site relations read from run-on speech are not reliable enough.
          if (e.category === 'Diagnosis') add('diagnosis', name);
          else add('examFinding', withSite(name, site), evidence(site));
        } else {
          const site = ctx.related(e, 'BodySiteOfCondition')[0];
          const time = ctx.related(e, 'TimeOfCondition')[0];
          const when = timePhrase(time);
          const phrase = [e.category === 'SymptomOrSign' ? withSite(name, site) : name, when].filter(Boolean).join(' ');
          const ev = evidence(site, when ? time : undefined);
          if (!complaint && a.temporal === 'current') {
            add('chiefComplaint', e.category === 'Diagnosis' ? `for care of ${phrase}` : `with ${phrase}`, ev);
            add('visitReason', name, ev);
            complaint = true;
          }
          // Whether a past problem is resolved is rarely said: the name alone ("used to be on insulin" is still diabetes).
          if (e.category === 'Diagnosis' && !guards.hedged(e)) add('history', name, ev);
          else add('symptom', phrase, ev);
        }
        break;
      }
      case 'MedicationName':
      case 'MedicationClass': {
        if (a.association === 'other') break;
        const verb = planVerb(transcript, e);
        const relatedEntities = ['DosageOfMedication', 'FrequencyOfMedication', 'RouteOfMedication'].map(
          (t) => ctx.related(e, t)[0],
        );
        if (a.certainty === 'negative') add('negative', `taking ${name}`);
        else if (a.conditionality) {
          if (guards.saysIf(e)) add('conditionalPlan', medicationPhrase(ctx, e), evidence(...relatedEntities));
        } else if (clinician) add('planMedication', medicationPhrase(ctx, e, verb), evidence(...relatedEntities), verb);
        else if (a.temporal !== 'past') add('medication', medicationPhrase(ctx, e), evidence(...relatedEntities));
        break;
      }
      case 'Allergen': {
        if (a.certainty === 'negative') add('negative', `allergy to ${name}`);
        else {
          const reactions = ctx
            .entitiesIn(e.segmentId)
            .filter((r) => r.category === 'SymptomOrSign' && assertionOf(r).certainty !== 'negative');
          add('allergy', reactions.length > 0 ? `${name} (reaction: ${reactions.map(nameOf).join(', ')})` : name);
        }
        break;
      }
      case 'ExaminationName':
      case 'TreatmentName': {
        if (a.conditionality || a.association === 'other') break;
        const value = ctx.related(e, 'ValueOfExamination')[0];
        const unit = ctx.related(e, 'UnitOfExamination')[0];
        // "the MRI from 3/4": a date, not a value (only a blood pressure is written as n/n).
        if (value && DATE.test(value.text.trim()) && !/pressure|\bbp\b/i.test(e.text)) break;
        // An examination has findings, not a value ("foot exam is 2 centimeters").
        if (value && /\bexam(ination)?\b/i.test(e.text)) break;
        // A pressure is never a percentage ("diastolic filling … ejection fraction of 55%").
        if (value && /pressure/i.test(`${e.text} ${name}`) && /%/.test(formatValue(value.text, unit?.text))) break;
        if (value && a.certainty !== 'negative') {
          const shown = formatValue(value.text, unit?.text);
          const numeric = /\d/.test(shown);
          if (clinician)
            add('result', `${name} ${a.temporal === 'past' ? 'was' : 'is'} ${shown}`, evidence(value, unit));
          else add('reportedResult', numeric ? `${name} of ${shown}` : `${shown} ${name}`, evidence(value, unit));
        } else if (a.certainty === 'negative' && clinician) add('declined', name);
        else if (clinician && (a.temporal === 'future' || e.category === 'TreatmentName')) {
          const time = ctx.related(e, 'TimeOfExamination')[0] ?? ctx.related(e, 'TimeOfTreatment')[0];
          const when = timePhrase(time, 'in');
          add(
            'planProcedure',
            [name, when].filter(Boolean).join(' '),
            evidence(when ? time : undefined),
            planVerb(transcript, e),
          );
        }
        break;
      }
      case 'SubstanceUse': {
        if (a.association === 'other' || a.conditionality || clinician) break;
        const smoking = /smok|tobacco|cigar/i.test(e.text);
        if (a.certainty === 'negative') add('socialHistory', smoking ? 'denies smoking' : `denies ${name}`);
        else if (smoking)
          add('socialHistory', a.temporal === 'past' ? 'is a former smoker' : 'reports current smoking');
        else add('socialHistory', `reports ${a.temporal === 'past' ? 'past ' : ''}${name}`);
        break;
      }
      default:
        break;
    }
  }
  return facts;
}
