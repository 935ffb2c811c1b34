import type { RpcInvocationResponse, RpcTypedData } from '../functions/rpcTypes';
import { typedDataBytes } from '../functions/typedData';
import type { HostLogger, RegisteredFunctionInfo } from '../types';
import { resolveBindingExpression } from './resolveBindingExpression';
import type { StorageClients } from './storageClients';

function queueMessages(data: RpcTypedData): string[] {
  if (data.json !== undefined && data.json !== null) {
    const parsed = JSON.parse(data.json) as unknown;
    // An array is a batch of messages, as the host's queue output collector reads it.
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  if (data.collectionString?.string) return data.collectionString.string;
  return [typedDataBytes(data).toString('utf8')];
}

/**
 * Writes an invocation's output bindings: `blob` (path with binding expressions) and `queue` (base64 messages,
 * the host's default encoding); `http` belongs to the server; other types are logged once as ignored.
 */
export function createOutputWriter(storage: StorageClients, log: HostLogger) {
  const ignored = new Set<string>();
  return async function writeOutputs(
    fn: RegisteredFunctionInfo,
    response: RpcInvocationResponse,
    bindingData: Record<string, unknown>,
  ): Promise<void> {
    const outputs = [...(response.outputData ?? [])];
    if (fn.bindings.$return && response.returnValue) outputs.push({ name: '$return', data: response.returnValue });
    for (const { name, data } of outputs) {
      const binding = name ? fn.bindings[name] : undefined;
      if (!binding || !data || binding.direction !== 'out') continue;
      const type = binding.type.toLowerCase();
      if (type === 'http') continue;
      if (type === 'blob') {
        const path = resolveBindingExpression(String(binding.path ?? ''), bindingData);
        const slash = path.indexOf('/');
        const container = storage.blob(binding.connection).getContainerClient(path.slice(0, slash));
        await container.createIfNotExists();
        const bytes = typedDataBytes(data);
        await container.getBlockBlobClient(path.slice(slash + 1)).uploadData(bytes);
      } else if (type === 'queue') {
        const queue = storage
          .queue(binding.connection)
          .getQueueClient(resolveBindingExpression(String(binding.queueName ?? ''), bindingData));
        await queue.createIfNotExists();
        for (const message of queueMessages(data))
          await queue.sendMessage(Buffer.from(message, 'utf8').toString('base64'));
      } else if (!ignored.has(binding.type)) {
        ignored.add(binding.type);
        log.warn(`Output binding type "${binding.type}" is not implemented by this host; ignored`, {
          function: fn.name,
          type: binding.type,
        });
      }
    }
  };
}

export type OutputWriter = ReturnType<typeof createOutputWriter>;
