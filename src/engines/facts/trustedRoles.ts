import type { Transcript } from '../../model/transcript';

/** What only the clinician says in a visit: examining, reviewing results, ordering, prescribing, assessing. */
const CLINICIAN_ONLY =
  /\b(physical exam(ination)?|on (your |the )?exam|i reviewed (your|the)|(let's|let me) (talk about|tell you about) my (assessment|plan)|my assessment|i('m| am) going to (order|prescribe|refer)|i('ll| will) (order|prescribe|refer)|i want you to|i('d| would) like you to|your (vitals|vital signs|labs|lab work|blood work|x-?rays?))\b/i;

/** History-taking questions: asked by the clinician. */
const ASKS =
  /\b(how about|what about|do you have|have you (had|been|noticed)|are you (taking|having)|any other|anyone in your family)\b/i;

/**
 * The transcript with clinician and patient swapped when the labels are plainly the wrong way round (the
 * "patient" examines, reviews results and orders tests; the "clinician" never does), else unchanged. A note
 * written from swapped labels would put the clinician's findings in the patient's mouth.
 */
export function withTrustedRoles(transcript: Transcript): Transcript {
  const count = (role: 'clinician' | 'patient', cue: RegExp) =>
    transcript.segments.filter((s) => s.role === role && cue.test(s.text.replace(/\s+'/g, "'"))).length;
  // Both signs must point the same way, clearly: what is done (examine, order) and what is asked.
  const done = [count('clinician', CLINICIAN_ONLY), count('patient', CLINICIAN_ONLY)] as const;
  const asked = [count('clinician', ASKS), count('patient', ASKS)] as const;
  if (done[1] < 2 || done[1] < 2 * done[0] || asked[1] < 3 || asked[1] < 3 * asked[0]) return transcript;
  const swap = (role: Transcript['segments'][number]['role']) =>
    role === 'clinician' ? 'patient' : role === 'patient' ? 'clinician' : role;
  return {
    ...transcript,
    speakers: transcript.speakers.map((s) => ({ ...s, role: swap(s.role) })),
    segments: transcript.segments.map((s) => ({ ...s, role: swap(s.role) })),
  };
}
