/**
 * ConText trigger tables (after Harkema et al. 2009, NegEx by Chapman et al.). Phrases are compared on normalised
 * words (see tokenize.ts: lower case, plural folded). `forward` triggers govern what follows them in the sentence,
 * `backward` ones what precedes them; `pseudo` phrases look like triggers but are not, and block them.
 */
export type Effect =
  | { certainty: 'negative' | 'positivePossible' | 'negativePossible' | 'neutralPossible' }
  | { conditionality: 'hypothetical' | 'conditional' }
  | { association: 'other' }
  | { temporal: 'past' | 'future' }
  | { pseudo: true };

export interface TriggerRule {
  phrases: string[];
  direction: 'forward' | 'backward' | 'both';
  effect: Effect;
  /** Maximum words between trigger and concept (default 10). */
  window?: number;
  /** The trigger governs a whole clause ("I don't think you have…"): its kind's own terminators do not apply. */
  clausal?: boolean;
}

const words = (s: string): string[] => s.split('|');

export const TRIGGER_RULES: TriggerRule[] = [
  {
    direction: 'forward',
    effect: { pseudo: true },
    phrases: words(
      "no increase|no change|not only|no further|not necessarily|no significant change|gram negative|not cause|not drain|no longer than|without medication|without medicine|without treatment|without the medication|without my medication|without it|not certain if|not certain whether|no doubt|without fail|have had|has had|you had|had had|when he was|when she was|when i was|when you were|if needed|as needed|if any|no one|nothing else|not yet|don't know|do not know|not sure|not clear|unclear|no improvement|no relief|not improved",
    ),
  },
  {
    direction: 'forward',
    effect: { certainty: 'negative' },
    phrases: words(
      "no|not|non|denies|denied|deny|denying|without|negative for|free of|absence of|absent|no sign of|no signs of|no evidence of|no history of|never|never had|never been|does not have|doesn't have|dont have|don't have|do not have|did not have|didn't have|not have|has not had|have not had|hasn't had|haven't had|no more|none|nor|ruled out|resolved|no complaints of|not experiencing|not having|not been having|didn't take|doesn't take|did not take|does not take|don't get|doesn't get|didn't get|do not get|does not get|don't feel|doesn't feel|didn't feel|do not feel|don't develop|haven't been having|not noticed|haven't noticed|have not noticed|not had|haven't had any|can't recall|cannot recall|don't recall|do not recall|can't remember having|not aware of|not running|never had any|not taking|stopped having|doesn't|don't|didn't|isn't|wasn't|aren't|won't|not need|do not need|don't need|no need for|neither",
    ),
  },
  {
    direction: 'backward',
    effect: { certainty: 'negative' },
    phrases: words(
      'is ruled out|was ruled out|are ruled out|has been ruled out|have been ruled out|is negative|was negative|were negative|came back negative|is absent|was absent|are absent|not present|is not present|was not present|resolved|has resolved|have resolved|went away|gone|is gone|are gone|not anymore|free|denied|none',
    ),
  },
  {
    direction: 'forward',
    effect: { certainty: 'negativePossible' },
    phrases: words(
      'unlikely|not likely|less likely|doubt|doubtful|low suspicion for|low suspicion of|low likelihood of|probably not|likely not|unlikely to be',
    ),
  },
  {
    direction: 'forward',
    effect: { certainty: 'negativePossible' },
    clausal: true,
    window: 8,
    phrases: words(
      "don't think|do not think|didn't think|don't believe|do not believe|not convinced|don't suspect|not worried that|not concerned that",
    ),
  },
  {
    direction: 'backward',
    effect: { certainty: 'negativePossible' },
    phrases: words('is unlikely|unlikely|is doubtful|seems unlikely|less likely|is not likely'),
  },
  {
    direction: 'forward',
    effect: { certainty: 'neutralPossible' },
    phrases: words(
      'rule out|r/o|to rule out|evaluate for|evaluation for|evaluating for|screen for|screening for|check for|checking for|test for|testing for|to see if|whether|either|work up for|workup for|versus|vs|assess for|look for',
    ),
  },
  {
    direction: 'forward',
    effect: { certainty: 'positivePossible' },
    phrases: words(
      "possible|possibly|probable|probably|likely|may have|may be|might be|might have|could be|could have|suspect|suspected|suspicious for|suspicion of|suspicion for|concern for|concerning for|worried about|worry about|question of|questionable|suggestive of|suggests|suggesting|think this is|think it is|seem to have|presumed|presumably|differential includes|borderline|perhaps|maybe|not ruled out|cannot be ruled out|can not be ruled out|cannot rule out|can not rule out|can't rule out|not excluded|cannot exclude|cannot be excluded|compatible with|risk of developing",
    ),
  },
  {
    direction: 'forward',
    effect: { certainty: 'positivePossible' },
    clausal: true,
    window: 8,
    phrases: words(
      'i think|we think|i believe|we believe|i suspect|we suspect|looks like|seems like|sounds like|it looks like|it sounds like|it seems like|most likely|more likely|likely due to',
    ),
  },
  {
    direction: 'backward',
    effect: { certainty: 'positivePossible' },
    phrases: words(
      'is possible|is likely|is probable|is suspected|was suspected|is not excluded|cannot be excluded|cannot be ruled out|can not be ruled out|is a possibility|is in the differential|is considered',
    ),
  },
  {
    direction: 'forward',
    effect: { conditionality: 'hypothetical' },
    window: 12,
    phrases: words(
      'if|in case|in case of|should you|should he|should she|should it|return if|come back if|call if|watch for|watch out for|monitor for|look out for|warning signs of|signs of|risk of|risk for|at risk for|to prevent|prevent|prevention of|to avoid|avoid|in the event of|unless|precautions for|could develop|might develop|may develop|can cause|can lead to',
    ),
  },
  {
    // Lists of risks and comparisons: commas separate the list's items, they do not end the scope.
    direction: 'forward',
    effect: { conditionality: 'hypothetical' },
    clausal: true,
    window: 16,
    phrases: words(
      "side effects include|side effects of|side effects are|risks include|risk include|risks of|risks are|complications include|complications of|felt like i was having|feel like i'm having|feels like i'm having|felt like i had|like i was having|like i'm having|as if i was having|thought i was having",
    ),
  },
  {
    direction: 'backward',
    effect: { conditionality: 'conditional' },
    phrases: words(
      'when|whenever|only when|with exertion|on exertion|upon exertion|with activity|with exercise|after eating|after meals|after meal|when walking|when lying down|when i climb|when climbing|at times when|every time',
    ),
  },
  {
    direction: 'forward',
    effect: { association: 'other' },
    phrases: words(
      'mother|mom|father|dad|sister|brother|son|daughter|aunt|uncle|grandmother|grandma|grandfather|grandpa|cousin|niece|nephew|parent|sibling|grandparent|family|family history|family history of|fhx|fh|husband|wife|spouse|partner|child|kid|relative|twin|stepfather|stepmother|half brother|half sister|maternal|paternal|roommate|coworker|friend|neighbor|baby',
    ),
  },
  {
    direction: 'both',
    effect: { association: 'other' },
    phrases: words(
      'in family|in the family|in my family|in his family|in her family|in your family|runs in the family|runs in family|in mother|in father|in my mother|in my father|in her mother|in his mother|in his father|in her father|in sister|in brother|in my sister|in my brother|in his brother|in her sister',
    ),
  },
  {
    direction: 'forward',
    effect: { temporal: 'past' },
    phrases: words(
      'history of|hx of|h/o|past history of|previous|previously|prior|past|former|formerly|used to|had|quit|stopped|gave me|caused|status post|s/p|your last|my last|last time|remote|childhood|as a child i had|old',
    ),
  },
  {
    direction: 'backward',
    effect: { temporal: 'past' },
    phrases: words(
      'ago|years ago|year ago|months ago|month ago|as a child|as a kid|when i was young|when i was a child|when i was little|in childhood|in the past|previously|in college|in high school|back then|that resolved|which resolved|has resolved|resolved',
    ),
  },
  {
    direction: 'both',
    effect: { temporal: 'past' },
    phrases: words('back in|way back|years back|year back|a while back|while back|long time ago|a long time ago'),
  },
  {
    // Onsets of days or hours are recent in ConText's sense (historical means more than two weeks).
    direction: 'backward',
    effect: { pseudo: true },
    phrases: words(
      'day ago|days ago|hour ago|hours ago|minute ago|minutes ago|a day ago|a couple days ago|a couple of days ago|a few days ago|this morning|last night',
    ),
  },
  {
    direction: 'backward',
    effect: { temporal: 'past' },
    phrases: words('resolved after|resolved with|resolved on its own|cleared up|went away after|got better after'),
  },
  {
    direction: 'forward',
    effect: { temporal: 'future' },
    phrases: words(
      'will|we will|i will|going to|plan to|plan|planning|start|starting|begin|initiate|increase|decrease|schedule|scheduled|order|ordering|repeat|would like to|i would like to|recommend|prescribe|refer|referral to|follow up with|tomorrow|next week|next month|next visit|at the next|switch to|change to|add|try|need to get|upcoming',
    ),
  },
];

/** Words and marks that end any trigger's scope (words inside a matched trigger phrase do not count). */
export const TERMINATORS = new Set(
  words(
    'but|however|although|though|except|yet|aside|apart|which|still|now|currently|presents|presented|complains|complaint|reports|reported|states|says|said|notes|noted|admits|endorses|;|:|because|since|due|secondary|who|whose',
  ),
);

/** Extra terminators per kind of effect. */
export const EFFECT_TERMINATORS: Record<'certainty' | 'association' | 'temporal' | 'conditionality', Set<string>> = {
  certainty: new Set(
    words('has|have|get|feel|develop|developed|having|complain|reports|take|taking|took|using|only|i'),
  ),
  association: new Set(words('i|me|myself|patient|pt|you|your|we')),
  temporal: new Set(words('now|today|currently|present|this')),
  conditionality: new Set<string>(),
};

/** Marks that also end a hypothetical ("if …,") scope. */
export const CLAUSE_END = new Set([',', 'then']);
