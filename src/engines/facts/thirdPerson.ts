/**
 * Rewrites a cleaned first- or second-person sentence about the patient in the third person, as notes are written:
 * the patient's "I have had…" and the clinician's "you have had…" both become "he has had…". Only pronouns and the
 * agreement of the verb right after them change; every other word stays as said.
 */

/** How the note refers to the patient. */
export interface PatientPronouns {
  subject: string;
  object: string;
  possessive: string;
  reflexive: string;
}

/** he/she from the clinician's own third-person words ("a 62-year-old male", "she"), else "the patient". */
export function pronounsFor(gender: 'male' | 'female' | undefined): PatientPronouns {
  if (gender === 'male') return { subject: 'he', object: 'him', possessive: 'his', reflexive: 'himself' };
  if (gender === 'female') return { subject: 'she', object: 'her', possessive: 'her', reflexive: 'herself' };
  return { subject: 'the patient', object: 'the patient', possessive: "the patient's", reflexive: 'themself' };
}

const CONTRACTED: Record<string, string> = { m: 'is', re: 'is', ve: 'has', ll: 'will', d: 'would' };
const AGREE: Record<string, string> = {
  am: 'is',
  are: 'is',
  were: 'was',
  have: 'has',
  do: 'does',
  "don't": "doesn't",
  "haven't": "hasn't",
  "aren't": "isn't",
  "weren't": "wasn't",
  go: 'goes',
};
const KEEP = new Set(
  "can could will would should might may must did had was wasn't can't couldn't won't wouldn't shouldn't didn't hadn't got went took felt saw came began ran ate fell broke hurt put quit left lost made thought told said".split(
    ' ',
  ),
);
const ADVERBS = new Set(
  'also just still usually never always sometimes only really actually definitely probably even often already now kind sort generally mostly normally recently occasionally then too'.split(
    ' ',
  ),
);
/** A "you" after one of these (or first) is a subject ("I think you have…"); after any other word, an object. */
const SUBJECT_AFTER = new Set(
  'and but or so if when that because then where while until unless since before after once as whether how what why think know hope guess sure believe mean feel said heard see notice remember understand glad looks seems like'.split(
    ' ',
  ),
);

function agree(word: string): string {
  const lower = word.toLowerCase();
  if (AGREE[lower]) return AGREE[lower];
  if (KEEP.has(lower) || /(ed|ly)$/.test(lower) || /n't$/.test(lower) || !/^[a-z]+$/.test(lower)) return word;
  if (/(s|sh|ch|x|z|o)$/.test(lower)) return `${word}es`;
  if (/[^aeiou]y$/.test(lower)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * The sentence in the third person. `speaker` decides who "I" and "you" are: the patient's "I" and the
 * clinician's "you" are the patient; the patient's "you" is the clinician; the clinician's "I" stays "I".
 */
export function toThirdPerson(
  sentence: string,
  speaker: 'patient' | 'clinician',
  p: PatientPronouns,
  /** Whom the clinician's "you" addresses: a parent or carer speaking for a child is not the patient. */
  addressee: 'patient' | 'other' = 'patient',
): string {
  const self =
    speaker === 'patient'
      ? /^(i|i'm|i've|i'll|i'd)$/i
      : addressee === 'patient'
        ? /^(you|you're|you've|you'll|you'd)$/i
        : /^$/;
  const tokens = sentence.split(/(\s+|[,.;:!?])/).filter((t) => t !== '');
  const out: string[] = [];
  let agreeNext = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lower = t.toLowerCase();
    if (/^\s+$/.test(t) || /^[,.;:!?]$/.test(t)) {
      out.push(t);
      continue;
    }
    if (agreeNext) {
      if (ADVERBS.has(lower) || /ly$/.test(lower)) {
        out.push(t);
        continue;
      }
      out.push(agree(t));
      agreeNext = false;
      continue;
    }
    if (self.test(t)) {
      // The nearest word or punctuation mark before: after a comma or a full stop, "you" starts a clause.
      const previous = [...out]
        .reverse()
        .find((x) => /\S/.test(x))
        ?.toLowerCase();
      const contraction = /'(\w+)$/.exec(lower)?.[1];
      const object = previous !== undefined && /\w/.test(previous) && !SUBJECT_AFTER.has(previous);
      if (speaker === 'clinician' && lower === 'you' && object) out.push(p.object);
      else if (contraction) out.push(`${p.subject} ${CONTRACTED[contraction] ?? ''}`.trim());
      else {
        out.push(p.subject);
        agreeNext = true;
      }
      continue;
    }
    if (speaker === 'patient') {
      if (lower === 'me') out.push(p.object);
      else if (lower === 'my') out.push(p.possessive);
      else if (lower === 'myself') out.push(p.reflexive);
      else if (lower === 'mine') out.push(p.possessive.replace(/^the patient's$/, "the patient's"));
      else if (lower === 'your') out.push("the clinician's");
      else if (/^you('\w+)?$/.test(lower))
        out.push(
          `the clinician${lower.slice(3).replace("'re", ' is').replace("'ve", ' has').replace("'ll", ' will').replace("'d", ' would')}`,
        );
      else out.push(t);
    } else if (/^i('\w+)?$/.test(t)) out.push(`I${t.slice(1)}`);
    else if (lower === 'your' && addressee === 'patient') out.push(p.possessive);
    else if (lower === 'yourself' && addressee === 'patient') out.push(p.reflexive);
    else out.push(t);
  }
  const text = out.join('');
  return text[0] ? text[0].toUpperCase() + text.slice(1) : text;
}
