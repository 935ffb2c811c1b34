/** Placeholder the management URL templates use for the instance id (as the Functions host's). */
export const ID_PLACEHOLDER = 'INSTANCEID';

export interface ClientBindingInput {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  taskHubName: string;
  /** The `durabletask_extension` system key: it opens the Durable APIs only (never the master key). */
  systemKey: string;
  /** Secret path segment of the key-less RPC endpoint the durable client uses (like the host's local RPC port). */
  rpcToken: string;
}

/** Management URLs for one instance (what createCheckStatusResponse returns), with `id` the placeholder or an id. */
export function managementUrls(input: ClientBindingInput, id: string): Record<string, string> {
  const root = `${input.baseUrl}/runtime/webhooks/durabletask/instances/${id}`;
  const q = `taskHub=${encodeURIComponent(input.taskHubName)}&connection=Storage&code=${encodeURIComponent(input.systemKey)}`;
  return {
    id,
    statusQueryGetUri: `${root}?${q}`,
    sendEventPostUri: `${root}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${root}/terminate?reason={text}&${q}`,
    rewindPostUri: `${root}/rewind?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${root}?${q}`,
    restartPostUri: `${root}/restart?${q}`,
    suspendPostUri: `${root}/suspend?reason={text}&${q}`,
    resumePostUri: `${root}/resume?reason={text}&${q}`,
  };
}

/**
 * The `durableClient` input binding data durable-functions' `getClient` expects (OrchestrationClientInputData):
 * creation and management URL templates secured by the system key, plus `rpcBaseUrl` for the client's own calls.
 */
export function clientBindingData(input: ClientBindingInput): Record<string, unknown> {
  const code = `code=${encodeURIComponent(input.systemKey)}`;
  const base = `${input.baseUrl}/runtime/webhooks/durabletask`;
  return {
    taskHubName: input.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${code}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${code}`,
    },
    managementUrls: managementUrls(input, ID_PLACEHOLDER),
    baseUrl: base,
    requiredQueryStringParameters: code,
    rpcBaseUrl: `${base}/rpc/${input.rpcToken}/`,
  };
}
