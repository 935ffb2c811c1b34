import { z } from 'zod';

import { NonRetriableError } from './errors';

const EngineSetting = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).default(values[0] as T[number] & string);

const SettingsSchema = z.object({
  SPEECH_ENGINE: EngineSetting(['auto', 'azure-fast', 'azure-batch', 'local'] as const),
  SPEECH_ENDPOINT: z.string().url().optional(),
  SPEECH_REGION: z.string().optional(),
  SPEECH_KEY: z.string().optional(),
  LANGUAGE_ENGINE: EngineSetting(['auto', 'azure', 'local'] as const),
  LANGUAGE_ENDPOINT: z.string().url().optional(),
  LANGUAGE_KEY: z.string().optional(),
  NOTE_ENGINE: EngineSetting(['auto', 'azure-openai', 'openai', 'local'] as const),
  AZURE_OPENAI_ENDPOINT: z.string().url().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().optional(),
  AZURE_OPENAI_API_VERSION: z.string().default('2024-10-21'),
  AZURE_OPENAI_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
  /** `EventGrid` on Flex Consumption (no polling there); the default polls, as the embedded host always does. */
  BLOB_TRIGGER_SOURCE: z.enum(['LogsAndContainerScan', 'EventGrid']).default('LogsAndContainerScan'),
  FHIR_SERVER_URL: z.string().url().optional(),
  FHIR_SERVER_SCOPE: z.string().optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  CHUNK_GRAPHEMES: z.coerce.number().int().positive().max(125_000).default(5_000),
  REVIEW_TIMEOUT_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
});
export type Settings = z.infer<typeof SettingsSchema>;

export interface EngineSelection {
  speech: 'azure-fast' | 'azure-batch' | 'local';
  language: 'azure' | 'local';
  note: 'azure-openai' | 'openai' | 'local';
}

export interface Config {
  settings: Settings;
  engines: EngineSelection;
}

const emptyToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));

/** Reads settings from the environment; a bad value fails with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = SettingsSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new NonRetriableError('InvalidSettings', `Invalid settings: ${problems}`);
  }
  const s = parsed.data;
  const speechAzure = Boolean(s.SPEECH_ENDPOINT || s.SPEECH_REGION);
  const engines: EngineSelection = {
    speech: s.SPEECH_ENGINE === 'auto' ? (speechAzure ? 'azure-fast' : 'local') : s.SPEECH_ENGINE,
    language: s.LANGUAGE_ENGINE === 'auto' ? (s.LANGUAGE_ENDPOINT ? 'azure' : 'local') : s.LANGUAGE_ENGINE,
    note:
      s.NOTE_ENGINE === 'auto'
        ? s.AZURE_OPENAI_ENDPOINT
          ? 'azure-openai'
          : s.OPENAI_BASE_URL || s.OPENAI_API_KEY
            ? 'openai'
            : 'local'
        : s.NOTE_ENGINE,
  };
  const missing: string[] = [];
  if (engines.speech !== 'local' && !speechAzure) missing.push('SPEECH_ENDPOINT or SPEECH_REGION');
  if (engines.language === 'azure' && !s.LANGUAGE_ENDPOINT) missing.push('LANGUAGE_ENDPOINT');
  if (engines.note === 'azure-openai' && !(s.AZURE_OPENAI_ENDPOINT && s.AZURE_OPENAI_DEPLOYMENT))
    missing.push('AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT');
  if (engines.note === 'openai' && !s.OPENAI_MODEL) missing.push('OPENAI_MODEL');
  if (missing.length > 0) {
    throw new NonRetriableError('InvalidSettings', `Missing settings for the selected engines: ${missing.join(', ')}`);
  }
  return { settings: s, engines };
}

/** The blob trigger's event source, read at registration time (before any engine setting matters). */
export function blobTriggerSource(env: NodeJS.ProcessEnv = process.env): 'EventGrid' | 'LogsAndContainerScan' {
  return env.BLOB_TRIGGER_SOURCE === 'EventGrid' ? 'EventGrid' : 'LogsAndContainerScan';
}
