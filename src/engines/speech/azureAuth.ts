import type { TokenCredential } from '@azure/identity';

import { NonRetriableError } from '../../errors';

/** Entra scope of Azure AI services. */
export const COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** The Speech resource base URL from settings: the endpoint, else the regional one. */
export function speechEndpoint(settings: { SPEECH_ENDPOINT?: string; SPEECH_REGION?: string }): string {
  if (settings.SPEECH_ENDPOINT) return settings.SPEECH_ENDPOINT.replace(/\/+$/, '');
  if (settings.SPEECH_REGION) return `https://${settings.SPEECH_REGION}.api.cognitive.microsoft.com`;
  throw new NonRetriableError(
    'InvalidSettings',
    'SPEECH_ENDPOINT or SPEECH_REGION is required for the Azure speech engines.',
  );
}

let defaultCredential: TokenCredential | undefined;

/**
 * Request headers that authenticate to Speech: the resource key when one is configured, else an Entra token
 * from DefaultAzureCredential (managed identity in Azure, developer login locally).
 */
export async function speechAuthHeaders(key?: string, credential?: TokenCredential): Promise<Record<string, string>> {
  if (key) return { 'Ocp-Apim-Subscription-Key': key };
  let cred = credential ?? defaultCredential;
  if (!cred) {
    const { DefaultAzureCredential } = await import('@azure/identity');
    cred = defaultCredential = new DefaultAzureCredential();
  }
  const token = await cred.getToken(COGNITIVE_SCOPE);
  if (!token)
    throw new NonRetriableError('AuthFailed', 'No Entra token for Azure AI Speech (managed identity not configured?).');
  return { Authorization: `Bearer ${token.token}` };
}
