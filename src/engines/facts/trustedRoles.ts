import type { Transcript } from '../../model/transcript';

/** What only the clinician says in a visit: examining, reviewing results, ordering, prescribing, assessing. */
const CLINICIAN_ONLY =
  /\b(physical exam(ination)?|on (your |the )?exam|i reviewed (your|the)|(let's|let me) (talk about|tell you about) my (assessment|plan)|my assessment|i('m| am) going to (order|prescribe|refer)|i('ll| will) (order|prescribe|refer)|i want you to|i('d| would) like you to)\b/i;

/**
 * The transcript with clinician and patient swapped when the labels are plainly the wrong way round (the
 * "patient" examines, reviews results and orders tests; the "clinician" never does), else unchanged. A note
 * written from swapped labels would put the clinician's findings in the patient's mouth.
 */
export function withTrustedRoles(transcript: Transcript): Transcript {
  const score = (role: 'clinician' | 'patient') =>
    transcript.segments.filter((s) => s.role === role && CLINICIAN_ONLY.test(s.text.replace(/\s+'/g, "'"))).length;
  const asClinician = score('clinician');
  const asPatient = score('patient');
  if (asPatient < 3 || asPatient < 3 * Math.max(1, asClinician)) return transcript;
  const swap = (role: Transcript['segments'][number]['role']) =>
    role === 'clinician' ? 'patient' : role === 'patient' ? 'clinician' : role;
  return {
    ...transcript,
    speakers: transcript.speakers.map((s) => ({ ...s, role: swap(s.role) })),
    segments: transcript.segments.map((s) => ({ ...s, role: swap(s.role) })),
  };
}
