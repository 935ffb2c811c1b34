import type * as AzureIdentity from '@azure/identity';
import OpenAI, { AzureOpenAI } from 'openai';

import type { Config } from '../../config';
import { NonRetriableError } from '../../errors';

/** Chat client and the model (or Azure deployment) name to send. */
export interface ChatTarget {
  client: OpenAI;
  model: string;
  engine: 'azure-openai' | 'openai';
}

const COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';

/**
 * Azure OpenAI (Entra token via getBearerTokenProvider, or AZURE_OPENAI_KEY) or any OpenAI-compatible server
 * (OPENAI_BASE_URL + OPENAI_MODEL). SDK retries are off: the engine decides, honouring Retry-After.
 */
export function createChatTarget(config: Config, timeoutMs: number): ChatTarget {
  const s = config.settings;
  if (config.engines.note === 'azure-openai') {
    if (!s.AZURE_OPENAI_ENDPOINT || !s.AZURE_OPENAI_DEPLOYMENT)
      throw new NonRetriableError('InvalidSettings', 'AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT are required');
    const common = {
      endpoint: s.AZURE_OPENAI_ENDPOINT,
      deployment: s.AZURE_OPENAI_DEPLOYMENT,
      apiVersion: s.AZURE_OPENAI_API_VERSION,
      maxRetries: 0,
      timeout: timeoutMs,
    };
    let client: AzureOpenAI;
    if (s.AZURE_OPENAI_KEY) client = new AzureOpenAI({ ...common, apiKey: s.AZURE_OPENAI_KEY });
    else {
      // Loaded only on this path: identity pulls in MSAL, which local runs never need.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const identity = require('@azure/identity') as typeof AzureIdentity;
      client = new AzureOpenAI({
        ...common,
        azureADTokenProvider: identity.getBearerTokenProvider(new identity.DefaultAzureCredential(), COGNITIVE_SCOPE),
      });
    }
    return { client, model: s.AZURE_OPENAI_DEPLOYMENT, engine: 'azure-openai' };
  }
  if (!s.OPENAI_MODEL) throw new NonRetriableError('InvalidSettings', 'OPENAI_MODEL is required');
  const client = new OpenAI({
    baseURL: s.OPENAI_BASE_URL,
    apiKey: s.OPENAI_API_KEY ?? 'not-needed',
    maxRetries: 0,
    timeout: timeoutMs,
  });
  return { client, model: s.OPENAI_MODEL, engine: 'openai' };
}
