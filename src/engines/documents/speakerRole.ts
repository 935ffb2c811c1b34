import type { SpeakerRole } from '../../model/transcript';

const CLINICIAN =
  /\b(?:dr|doctor|clinician|physician|provider|nurse|np|pa|md|rn|gp|practitioner|surgeon|therapist|pharmacist)\b/i;
const PATIENT = /\b(?:patient|pt|client)\b/i;

/** The role a speaker label names (`Dr. Evans` → clinician, `Patient` → patient), or `other`. */
export function speakerRole(label: string): SpeakerRole {
  if (CLINICIAN.test(label)) return 'clinician';
  if (PATIENT.test(label)) return 'patient';
  return 'other';
}
