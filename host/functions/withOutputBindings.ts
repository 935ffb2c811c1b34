import type { FunctionInvoker, RegisteredFunctionInfo } from '../types';
import type { AppInvoker } from './createInvoker';
import type { RpcInvocationResponse } from './rpcTypes';
import { fromTypedData, toTypedData } from './typedData';

type WriteOutputs = (
  fn: RegisteredFunctionInfo,
  response: RpcInvocationResponse,
  bindingData: Record<string, unknown>,
) => Promise<void>;

/**
 * The invoker extensions get: like `invoker.invoke`, and it also writes the invocation's output bindings (blob,
 * queue…) before resolving, as the Functions host does for every trigger kind (e.g. an activity's `extraOutputs`).
 * `triggerMetadata` doubles as the binding data the output paths' `{expressions}` resolve against.
 */
export function withOutputBindings(invoker: AppInvoker, writeOutputs: WriteOutputs): FunctionInvoker {
  return {
    functions: () => invoker.functions(),
    async invoke(functionName, triggerValue, triggerMetadata) {
      const response = await invoker.invokeRpc(functionName, {
        triggerData: toTypedData(triggerValue),
        triggerMetadata,
      });
      const fn = invoker.info(functionName);
      if (fn) await writeOutputs(fn, response, triggerMetadata ?? {});
      return fromTypedData(response.returnValue);
    },
  };
}
