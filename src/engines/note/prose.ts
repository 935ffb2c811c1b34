import type { NoteSentence } from '../../model/note';
import type { Fact, FactKind } from './facts';
import { capitalize, joinList } from './phrases';

const union = (facts: Fact[]): string[] => [...new Set(facts.flatMap((f) => f.evidence))];
const listSentence = (facts: Fact[], render: (list: string) => string): NoteSentence[] =>
  facts.length === 0 ? [] : [{ text: render(joinList(facts.map((f) => f.phrase))), evidence: union(facts) }];
const eachSentence = (facts: Fact[], render: (f: Fact) => string): NoteSentence[] =>
  facts.map((f) => ({ text: render(f), evidence: f.evidence }));
const isAre = (facts: Fact[]) => (new Set(facts.map((f) => f.phrase)).size > 1 ? 'are' : 'is');

const planSentence = (f: Fact): string => {
  if (f.verb === 'Order') return `${capitalize(f.phrase)} is ordered.`;
  return f.verb ? `${f.verb} ${f.phrase}.` : `The plan includes ${f.phrase}.`;
};

/** Sentences for the facts of one kind: list kinds become one sentence citing every fact's segments. */
const RENDER: Readonly<Record<FactKind, (facts: Fact[]) => NoteSentence[]>> = {
  chiefComplaint: (f) => eachSentence(f.slice(0, 1), (x) => `The patient presents ${x.phrase}.`),
  visitReason: (f) => eachSentence(f.slice(0, 1), (x) => `The visit addressed ${x.phrase}.`),
  symptom: (f) => listSentence(f, (l) => `The patient reports ${l}.`),
  possibleSymptom: (f) => listSentence(f, (l) => `The patient describes possible ${l}.`),
  uncertainSymptom: (f) => listSentence(f, (l) => `The patient is unsure about ${l}.`),
  reportedResult: (f) => listSentence(f, (l) => `The patient reports ${l}.`),
  negative: (f) => listSentence(f, (l) => `The patient denies ${l}.`),
  history: (f) => listSentence(f, (l) => `Past medical history includes ${l}.`),
  medication: (f) => listSentence(f, (l) => `Current medications include ${l}.`),
  allergy: (f) => listSentence(f, (l) => `The patient reports an allergy to ${l}.`),
  familyHistory: (f) => eachSentence(f, (x) => `The patient's ${x.phrase}.`),
  socialHistory: (f) => eachSentence(f, (x) => `The patient ${x.phrase}.`),
  result: (f) => eachSentence(f, (x) => `${capitalize(x.phrase)}.`),
  examFinding: (f) => listSentence(f, (l) => `Examination shows ${l}.`),
  examNegative: (f) => listSentence(f, (l) => `No ${l} on examination.`),
  diagnosis: (f) => listSentence(f, (l) => `Findings are consistent with ${l}.`),
  possibleDiagnosis: (f) => listSentence(f, (l) => `${capitalize(l)} ${isAre(f)} suspected.`),
  unlikelyDiagnosis: (f) => listSentence(f, (l) => `${capitalize(l)} ${isAre(f)} considered unlikely.`),
  consideredDiagnosis: (f) => listSentence(f, (l) => `${capitalize(l)} ${isAre(f)} under consideration.`),
  ruledOut: (f) => listSentence(f, (l) => `${capitalize(l)} ${isAre(f)} not suspected.`),
  // Only with a plan verb said ("start", "order"…): a drug or procedure merely named by the clinician may be one
  // already taken or already done ("Plan includes surgery" for a past operation).
  planMedication: (f) =>
    eachSentence(
      f.filter((x) => x.verb),
      planSentence,
    ),
  planProcedure: (f) =>
    eachSentence(
      f.filter((x) => x.verb),
      planSentence,
    ),
  declined: (f) => eachSentence(f, (x) => `${capitalize(x.phrase)} is not indicated at this time.`),
  conditionalPlan: (f) => eachSentence(f, (x) => `${capitalize(x.phrase)} will be prescribed if indicated.`),
  returnPrecaution: (f) => listSentence(f, (l) => `Return precautions were given for ${l}.`),
  complaintNarrative: (f) => eachSentence(f.slice(0, 1), (x) => x.phrase),
  introNarrative: (f) => eachSentence(f, (x) => x.phrase),
  hpiNarrative: (f) => eachSentence(f, (x) => x.phrase),
  examNarrative: (f) => eachSentence(f, (x) => x.phrase),
  resultsNarrative: (f) => eachSentence(f, (x) => x.phrase),
  assessmentNarrative: (f) => eachSentence(f, (x) => x.phrase),
  planNarrative: (f) => eachSentence(f, (x) => x.phrase),
};

/** Renders the facts of the given kinds, in the order of the kinds, as grounded sentences. */
export function renderFacts(facts: Fact[], kinds: FactKind[]): NoteSentence[] {
  return kinds.flatMap((kind) => RENDER[kind](dedupe(facts.filter((f) => f.kind === kind))));
}

/** Same phrase twice (a repeated mention): keep one, with both mentions' evidence. */
function dedupe(facts: Fact[]): Fact[] {
  const byPhrase = new Map<string, Fact>();
  for (const f of facts) {
    const seen = byPhrase.get(f.phrase);
    byPhrase.set(f.phrase, seen ? { ...seen, evidence: [...new Set([...seen.evidence, ...f.evidence])] } : f);
  }
  return [...byPhrase.values()];
}
