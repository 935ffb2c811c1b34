import type { DurableClient, DurableOrchestrationStatus } from 'durable-functions';

/** The instance's status, or undefined when it does not exist (the client reports that as an HTTP 404 error). */
export async function findInstance(
  client: DurableClient,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    const status = await client.getStatus(instanceId, { showInput: false });
    return status && status.runtimeStatus ? status : undefined;
  } catch (error) {
    if (error instanceof Error && /\b404\b/.test(error.message)) return undefined;
    throw error;
  }
}
