/** A clause as a span of a segment's text. */
export interface ClauseSpan {
  offset: number;
  length: number;
}

const WORD = /[\p{L}\d][\p{L}\d'’]*|[.?!;,]/gu;
const SUBJECTS = new Set(['i', 'you', 'he', 'she', 'we', 'they', 'it', "it's", 'there', "i'm", "you're", "we're"]);
const DISCOURSE = new Set(['okay', 'ok', 'alright']);
const LINKS = new Set(['and', 'so', 'but', 'because']);
const ASK_AUX = new Set(['do', 'did', 'does', 'have', 'has', 'are', 'is', 'were', 'was', 'can', 'could', 'any']);
const ASK_SUBJECT = new Set(['you', 'your', 'anyone', 'anybody', 'there', 'it']);
/** Words after which "do you…" continues the clause ("what do you take", "and have you…"). */
const CONTINUERS = new Set([
  'what',
  'how',
  'when',
  'where',
  'why',
  'which',
  'who',
  'that',
  'if',
  'whether',
  'or',
  'means',
  'is',
  'there',
]);
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'vs', 'st', 'e.g', 'i.e', 'approx']);

/**
 * Splits one segment's text into clauses. Recognizer output has no punctuation and speakers run several acts
 * together ("okay any chest pain", "no and I sleep fine"), so besides . ? ! ; a clause also ends before a discourse
 * marker ("okay"), before "but", before "and/so/because" that open a new subject ("and I…"), and before a fresh
 * yes/no question ("do you…", "have you…"). A comma in a list ("hypertension, diabetes and depression") does not
 * split, so the relative named at the start of a list still governs all of it.
 */
export function splitClauses(text: string): ClauseSpan[] {
  const words = [...text.matchAll(WORD)].map((m) => ({ raw: m[0], low: m[0].toLowerCase(), start: m.index }));
  const cuts: number[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const prev = words[i - 1]!;
    const next = words[i + 1];
    if (/^[.?!;]$/.test(prev.raw)) {
      const decimal = prev.raw === '.' && /^\d/.test(w.raw) && /\d$/.test(text.slice(0, prev.start));
      if (!decimal && !ABBREVIATIONS.has(words[i - 2]?.low ?? '')) cuts.push(w.start);
      continue;
    }
    const afterComma = prev.raw === ',';
    const prevWord = afterComma ? words[i - 2] : prev;
    if (DISCOURSE.has(w.low) && !(prevWord && DISCOURSE.has(prevWord.low))) cuts.push(w.start);
    else if (w.low === 'but') cuts.push(w.start);
    else if (LINKS.has(w.low) && next && SUBJECTS.has(next.low)) cuts.push(w.start);
    else if (
      ASK_AUX.has(w.low) &&
      next &&
      ASK_SUBJECT.has(next.low) &&
      w.low !== 'any' &&
      !(prevWord && (CONTINUERS.has(prevWord.low) || LINKS.has(prevWord.low) || DISCOURSE.has(prevWord.low)))
    )
      cuts.push(w.start);
  }
  const spans: ClauseSpan[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    pushTrimmed(text, from, cut, spans);
    from = cut;
  }
  return spans;
}

function pushTrimmed(text: string, from: number, to: number, spans: ClauseSpan[]): void {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  if (b <= a) return;
  // A piece of punctuation only ("," after a cut) joins the clause before it.
  if (!/[\p{L}\d]/u.test(text.slice(a, b))) {
    const last = spans[spans.length - 1];
    if (last) last.length = b - last.offset;
    return;
  }
  spans.push({ offset: a, length: b - a });
}
