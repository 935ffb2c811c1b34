import type { TokenCredential } from '@azure/core-auth';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';

import type { Config } from '../../config';
import { isRetriableStatus, NonRetriableError, parseRetryAfter, TransientError } from '../../errors';
import { log } from '../../log';
import { toTransaction } from './transaction';

export interface ExportOptions {
  serverUrl: string;
  /** Entra ID credential; without one the request carries no Authorization header. */
  credential?: TokenCredential;
  /** Token scope; defaults to `<server origin>/.default` (Azure Health Data Services). */
  scope?: string;
  timeoutMs?: number;
}

export interface ExportResult {
  status: number;
  entries: number;
  /** Resources the server created now. */
  created: number;
  /** Resources the server already had (conditional create matched): a retry or a re-export. */
  existing: number;
}

/** Export options from settings: a managed-identity token for Azure FHIR services or when a scope is set. */
export async function exportOptionsFromConfig(config: Config): Promise<ExportOptions> {
  const serverUrl = config.settings.FHIR_SERVER_URL;
  if (!serverUrl) throw new NonRetriableError('FhirServerNotConfigured', 'FHIR_SERVER_URL is not set');
  const scope = config.settings.FHIR_SERVER_SCOPE;
  if (!scope && !/\.azurehealthcareapis\.com$/i.test(new URL(serverUrl).hostname)) return { serverUrl };
  const { DefaultAzureCredential } = await import('@azure/identity');
  return { serverUrl, scope, credential: new DefaultAzureCredential() };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const isConfig = (value: ExportOptions | Config): value is Config => 'settings' in value;

function outcomeText(body: unknown): string {
  const outcome = body as OperationOutcome | undefined;
  const texts =
    outcome?.resourceType === 'OperationOutcome'
      ? outcome.issue.map((i) => i.diagnostics ?? i.details?.text ?? i.code)
      : [];
  return texts.length > 0 ? texts.join('; ').slice(0, 500) : 'no OperationOutcome';
}

/**
 * POSTs the bundle to the FHIR server as one `transaction` of conditional creates: all or nothing, and a retry
 * after a lost response creates no duplicates. 408/429/5xx and network failures are TransientError (429 carries
 * Retry-After); other 4xx are NonRetriableError with the server's OperationOutcome.
 */
export async function exportBundle(bundle: Bundle, options: ExportOptions | Config): Promise<ExportResult> {
  const opts = isConfig(options) ? await exportOptionsFromConfig(options) : options;
  const transaction = toTransaction(bundle);
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };
  if (opts.credential) {
    const token = await opts.credential.getToken(opts.scope ?? `${new URL(opts.serverUrl).origin}/.default`);
    if (!token) throw new TransientError('FhirTokenUnavailable', 'No token for the FHIR server');
    headers.authorization = `Bearer ${token.token}`;
  }
  let response: Response;
  try {
    response = await fetch(opts.serverUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify(transaction),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
    });
  } catch (error) {
    throw new TransientError('FhirServerUnreachable', `FHIR server request failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const message = `FHIR server answered ${response.status}: ${outcomeText(body)}`;
    if (isRetriableStatus(response.status)) {
      throw new TransientError(`FhirHttp${response.status}`, message, {
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    throw new NonRetriableError(`FhirHttp${response.status}`, message);
  }
  const entries = (body as Bundle | undefined)?.entry ?? [];
  const created = entries.filter((e) => e.response?.status.startsWith('201')).length;
  const result = { status: response.status, entries: entries.length, created, existing: entries.length - created };
  log.info('fhir.exported', { ...result });
  return result;
}
