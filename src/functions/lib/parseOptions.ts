import { NonRetriableError } from '../../errors';
import { type EncounterOptions, EncounterOptionsSchema } from '../../model/pipeline';

const BOOL: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  on: true,
  false: false,
  '0': false,
  no: false,
  off: false,
};

/**
 * Encounter options from string fields (query parameters, form fields, blob metadata): `review=true`,
 * `maxSpeakers=2`… Unknown keys are ignored; bad values fail with a one-line reason naming the field.
 */
export function parseOptions(fields: Record<string, string | undefined>): EncounterOptions {
  const raw: Record<string, unknown> = {};
  if (fields.template) raw.template = fields.template.toLowerCase();
  if (fields.review !== undefined) raw.review = BOOL[fields.review.toLowerCase()] ?? fields.review;
  if (fields.locale) raw.locale = fields.locale;
  if (fields.maxSpeakers) raw.maxSpeakers = Number(fields.maxSpeakers);
  if (fields.reviewTimeoutHours) raw.reviewTimeoutHours = Number(fields.reviewTimeoutHours);
  const parsed = EncounterOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NonRetriableError(
      'InvalidOptions',
      `Invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'bad value'}`,
    );
  }
  return parsed.data;
}

/** Blob metadata key carrying the options of an upload made through the API or the CLI. */
export const OPTIONS_METADATA_KEY = 'clinscribeoptions';

/**
 * Options from upload metadata (JSON); the defaults when absent. Present but unreadable is `InvalidOptions`: an
 * upload asking for review must not silently run without it.
 */
export function optionsFromMetadata(metadata: Record<string, string> | undefined): EncounterOptions {
  const value = metadata?.[OPTIONS_METADATA_KEY];
  if (!value) return EncounterOptionsSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new NonRetriableError('InvalidOptions', `The ${OPTIONS_METADATA_KEY} metadata is not JSON`);
  }
  const parsed = EncounterOptionsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new NonRetriableError(
    'InvalidOptions',
    `Invalid option ${issue?.path.join('.') ?? ''} in the ${OPTIONS_METADATA_KEY} metadata: ${issue?.message ?? 'bad value'}`,
  );
}
