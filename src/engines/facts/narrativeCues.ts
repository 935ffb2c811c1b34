/** Cue patterns that say what a clinician's or patient's sentence does in the visit (which note section it feeds). */

/** Examination dictation and vital signs. */
export const EXAM =
  /\b(on (physical )?exam(ination)?|exam(ination)? (shows|showed|reveals|revealed|is)|physical exam|i (do )?(hear|feel|see|notice|don't (hear|feel|see|appreciate))|(lungs|heart|abdomen|neck|skin|throat|ears?|eyes?|pupils|extremit(y|ies)) (are|is|sound|sounds|looks?|shows?)|murmur|tender(ness)?|swelling|edema|erythema|range of motion|reflexes|pulses?|blood pressure|oxygen (saturation|level)|temperature|heart rate|respiratory rate|clear to auscultation|palpat\w*|vital signs|bruising|effusion|strength)\b/i;

/** Results of tests, labs and imaging. */
export const RESULTS =
  /\b(x-?rays?|mri|ct|cat scan|ultrasound|echo(cardiogram)?|ekg|ecg|labs?|lab work|blood work|bloodwork|a1c|hemoglobin|cholesterol|results?|biopsy|culture|urinalysis|came back|showed|revealed|level was|levels? (are|were|is))\b/i;

/** Orders, prescriptions, referrals, follow-up and advice. */
export const PLAN =
  /\b(i('m| am) going to|i'll|i will|i would like|i'd like|i want (you|to)|we('ll| will| are going| 're going| can| should)|let's|going to (order|prescribe|refer|start|send|schedule|get|have|put)|prescrib\w*|refer\w*|order\w*|schedule\w*|follow[- ]?up|come back|see you (back )?in|continue|start (you|taking|on)|increase|decrease|recommend\w*|physical therapy|make sure|try to|stop taking|keep taking|refill|sending|set you up)\b/i;

/** The clinician's impression. */
export const ASSESSMENT =
  /\b(i think|i believe|i suspect|i'm concerned|i am concerned|(it|this|that) (sounds|looks|seems) like|consistent with|diagnos\w*|you (have|'ve got|have got) (a|an|some)?|this is (a|an|likely|probably)?|likely|probably|impression|is due to|is from|is caused by)\b/i;

/** The clinician's dictated summary of who the patient is ("a 62-year-old male … presents for…"). */
export const INTRO =
  /\b(\d+[- ]year[- ]old|presents? (today )?(for|with)|past medical history (significant|of|is)|here today for)\b/i;

/** The clinician restating what the patient reported. */
export const RECAP =
  /\byou('ve| have| had| were| are|'re)( also| still| now| recently)? (been|had|having|noticed|mentioned|endorsed|reported|said|told|experienced|experiencing|started|taking|on)\b/i;

/** Sentences addressed to a dictation assistant ("hey dragon, show me the vitals"), not to the patient. */
export const ASSISTANT = /\b(dragon|dax|use my \w+( \w+)? template|end of (note|dictation))\b/i;

/** The clinician narrating the visit itself ("let's take a look", "I'll listen to your heart"): not a finding or a plan. */
export const PROCEDURE =
  /\b(let's (look|talk|see|go ahead and (look|take a look|do|examine|listen))|take a (quick )?look|(do|perform) a (quick )?(physical )?exam|listen to (your|his|her|the patient's) (heart|lungs|chest)|check (you|him|her|the patient) out|(my|the) assessment and (my )?plan|look at (some of )?(your|his|her|the patient's|the) (results|blood pressure|vitals|trends|readings|labs|x-?ray|images?)|show me|i see that)\b/i;

/** A clause cut before its object ("I see that we"): ends on a word that cannot end a sentence. */
export const FRAGMENT =
  /\b(we|the|a|an|to|and|of|that|with|is|are|have|has|my|your|his|her|for|on|in|at|but|or|so|because|if|i|you|he|she|they|it's|was|were|be|just)\W*$/i;
