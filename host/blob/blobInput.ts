import type { InputBindingProvider } from '../functions/createInvoker';
import { resolveBindingExpression } from './resolveBindingExpression';
import type { StorageClients } from './storageClients';

/** The `blob` input binding: the bytes of the blob at the binding's path (undefined when it does not exist). */
export function blobInputBinding(storage: StorageClients): InputBindingProvider {
  return async (binding, _fn, triggerMetadata) => {
    const path = resolveBindingExpression(String(binding.path ?? ''), triggerMetadata);
    const slash = path.indexOf('/');
    const blob = storage
      .blob(binding.connection)
      .getContainerClient(path.slice(0, slash))
      .getBlobClient(path.slice(slash + 1));
    try {
      return await blob.downloadToBuffer();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  };
}
