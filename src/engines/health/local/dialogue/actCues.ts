/**
 * Cue patterns for dialogue acts, matched on a clause's lower-cased text with tokenized contractions re-joined
 * ("do n't" → "don't"). Phrases after medspaCy's section and ConText rules and what ACI-BENCH train/valid
 * clinicians say; order of use is decided in classifyClause.
 */
const any = (phrases: string): RegExp => new RegExp(`(?:^|\\b)(?:${phrases})\\b`);

/** "If you get chest pain, come back": a warning about what may happen. */
export const SAFETY_NET = any(
  '(?:if|should|in case|whenever) (?:you|she|he|they|it|things?|that|this|anything|symptoms?)\\b.*\\b(?:come back|call|go to|seek|let (?:me|us) know|return|head to|get (?:seen|checked)|emergency|er\\b|911|reach out)|(?:come back|call (?:me|us|the office)|go to the (?:er|emergency)|seek (?:medical )?(?:care|attention)|let (?:me|us) know) (?:if|should|in case|right away if)|(?:watch|look) (?:out )?for|warning signs?|red flags?',
);

/** The clinician dictating or narrating the examination. */
export const EXAM = any(
  "on (?:your |his |her |the )?(?:physical )?exam(?:ination)?|(?:on|for) (?:your |his |her |the )?(?:heart|lung|cardiac|abdominal|belly|neck|skin|neuro\\w*|musculoskeletal|msk|eye|ear|throat|back|knee|shoulder|ankle|foot|hand|wrist|hip|extremity|breast|pelvic|rectal) exam(?:ination)?|i (?:do )?appreciate|physical exam(?:ination)?|(?:on|upon) (?:auscultation|palpation|inspection)|(?:i|let me|let's|going to) (?:examine|listen|take a look|check|feel|press|palpate)|(?:lungs?|heart|abdomen|belly|chest) (?:is|are|sounds?) (?:clear|soft|regular|normal|good|fine)|(?:i (?:do|did) not|i don't|i didn't) (?:hear|see|feel|appreciate|note)|i (?:hear|see|feel|appreciate|note) (?:a |some |an |no |mild |slight )|there(?:'s| is| are) (?:no |some |mild |slight |a |an )?(?:\\w+ )?(?:tenderness|edema|swelling|erythema|murmur|rash|crackles|wheez\\w*|rales|rhonchi|effusion|bruising|deformity)|(?:no|without) (?:\\w+ )?(?:edema|murmurs?|rubs?|gallops?|lymphadenopathy|tenderness|crackles|wheez\\w*|rales|rhonchi|effusion)|vital signs?|your vitals|(?:pain|tender) (?:to|on|with) palpation|range of motion|strength is|reflexes|pulses? (?:are|is)|your (?:lungs|heart) sound",
);

/** A test result read out. */
export const RESULT = any(
  'results? of (?:your|the) |(?:your|the|his|her|this|that) (?:[\\w-]+ )?(?:x-?rays?|xrays?|ekg|ecg|labs?|lab work|blood ?work|results?|mri|ct|cat scan|ultrasound|echo(?:cardiogram)?|a1c|hemoglobin a1c|tests?|scans?|biopsy|culture|urinalysis|cbc|panel|level|swab|imaging|stress test|x ray)\\b.*\\b(?:show\\w*|came back|was|were|is|are|revealed?|demonstrat\\w*|looked|looks|indicat\\w*|normal|negative|positive|elevated|high|low)|(?:came back|results? (?:was|were|are|is)) (?:normal|negative|positive|elevated|high|low|fine|okay)|(?:i|we) (?:reviewed|looked at|got) (?:your|the) (?:x-?ray|labs?|results?|ekg|mri|ct|blood ?work)',
);

/** The clinician restating the history to the patient or to the recorder. */
export const RECAP = any(
  "you(?:'ve| have)? (?:endorsed|reported|mentioned|told me|said|noted|described|complained)|you (?:endorse|report|mention|describe|complain)|(?:past )?medical history (?:significant|of|is)|(?:who|that) presents?|presents? (?:today|with|for)|is a \\d+[- ](?:year|month)[- ]old|(?:year|month)-? old (?:male|female|man|woman|boy|girl|patient|gentleman|lady)|here (?:today )?for (?:a )?(?:follow ?-?up|evaluation)|(?:so|and) you(?:'re| are) here (?:today )?(?:for|because)|you were (?:diagnosed|seen|admitted|started)|history of present illness|(?:last time|when) (?:i|we) saw you|you(?:'ve| have) (?:had|been (?:having|dealing|experiencing))",
);

/** Plans and orders. */
export const PLAN = any(
  "(?:i|we)(?:'m| am|'re| are) (?:going to|gonna) (?:order|prescribe|start|refer|send|get|put|schedule|increase|decrease|continue|have|give|check|recommend|do|switch|stop|keep)|(?:i|we)(?:'ll| will) (?:order|prescribe|start|refer|send|get|put|schedule|increase|decrease|continue|have|give|check|recommend|do|switch|stop|keep|see)|(?:i|we)(?:'d| would) (?:like|want) (?:you )?to|i want (?:you )?to|let's (?:go ahead|start|get|continue|increase|have|order|schedule|do|check|try|keep|switch|stop)|my (?:plan|recommendation|suggestion)|(?:the|our) plan|(?:i|we) (?:recommend|suggest|advise)|continue (?:on |with |your |the )|follow ?-?up (?:with|in)|(?:i|we) (?:can|could) (?:try|start|give|increase|prescribe|refer)|i'm (?:prescribing|ordering|referring|sending|starting)|(?:i|we) need (?:you )?to",
);

/** Education: what a condition is, what it can do, what is common. */
export const EXPLANATION = any(
  "(?:can|could|may|might|will|would) (?:cause|lead to|result in|increase|raise|give you|make you|put you at)|(?:is|are) (?:a |an )?(?:common|normal|typical|usually|often)|(?:a lot of|many|most|some) (?:people|patients|folks|women|men|kids|children)|people (?:who|with|that)|increases? (?:the|your) risk|risk (?:factor|of|for)|(?:usually|typically|generally|sometimes) (?:it|that|this|they|people|patients)|(?:it|that|this)(?:'risks? (?:of|include|are|with)|side effects|complications (?:of|include|are)|s| is) (?:because|why|called|what we call)|what (?:that|this) means",
);

/** Greetings, thanks, weather, leave-taking. */
export const SMALL_TALK = any(
  "(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: there)?(?: \\w+)?$|how are you(?: doing)?(?: today)?$|nice to (?:meet|see) you|good to (?:meet|see) you|thank you|thanks|you're welcome|take care|have a (?:good|great|nice)|bye|see you|how (?:was|is) (?:your|the) (?:weekend|holiday|trip|day|vacation)|weather",
);

/** Opening words of a clear yes / no answer. */
export const YES = any(
  "yes|yeah|yep|yup|ya|uh-huh|uh huh|mm-hmm|mm hmm|mhm|sure|correct|right|definitely|absolutely|i do|i have|i did|i am|i'm on|it does|it is|it has|it did|they do|i think so|that's right|i still do|that's it|that's the one|exactly|that's correct|yes sir|yes ma'am",
);
export const NO = any(
  "no|nope|nah|not really|not at all|never|none|no,|i don't|i do not|i haven't|i have not|i didn't|i did not|i'm not|i am not|it doesn't|it does not|it isn't|it's not|it hasn't|not that i know|not that i'm aware|not that i can|nothing|neither|negative|i wouldn't say so|i don't think so",
);
