import type { Device, Encounter, Patient, Practitioner } from '@medplum/fhirtypes';

import type { BuildContext } from './context';
import { selfIdentifier } from './context';

/** Resource keys of the fixed participants. */
export const KEYS = {
  patient: 'Patient',
  practitioner: 'Practitioner',
  encounter: 'Encounter',
  device: 'Device',
  composition: 'Composition',
  transcript: 'DocumentReference/transcript',
  provenance: 'Provenance',
} as const;

/** The patient: the one provided, or a placeholder with only a generated identifier. */
export function buildPatient(ctx: BuildContext, provided?: Patient): Patient {
  const rest: Patient = { ...(provided ?? { resourceType: 'Patient' }) };
  delete rest.id;
  return {
    ...rest,
    resourceType: 'Patient',
    identifier: rest.identifier?.length ? rest.identifier : [selfIdentifier(ctx, KEYS.patient)],
  };
}

/** The clinician who spoke in the encounter: the one provided, or a placeholder. */
export function buildPractitioner(ctx: BuildContext, provided?: Practitioner): Practitioner {
  const rest: Practitioner = { ...(provided ?? { resourceType: 'Practitioner' }) };
  delete rest.id;
  return {
    ...rest,
    resourceType: 'Practitioner',
    identifier: rest.identifier?.length ? rest.identifier : [selfIdentifier(ctx, KEYS.practitioner)],
  };
}

/** The ambulatory encounter the transcript records; its identifier is the Clinscribe encounter id. */
export function buildEncounter(ctx: BuildContext): Encounter {
  return {
    resourceType: 'Encounter',
    identifier: [selfIdentifier(ctx, KEYS.encounter), { value: ctx.encounterId }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: ctx.ref(KEYS.patient),
    participant: [{ individual: ctx.ref(KEYS.practitioner) }],
  };
}

/** The software that derived the resources (the Provenance agent). */
export function buildDevice(ctx: BuildContext, engines: string): Device {
  return {
    resourceType: 'Device',
    identifier: [selfIdentifier(ctx, KEYS.device)],
    deviceName: [{ name: 'Clinscribe', type: 'manufacturer-name' }],
    type: { text: 'Clinical transcription and documentation software' },
    version: [{ value: engines }],
  };
}
