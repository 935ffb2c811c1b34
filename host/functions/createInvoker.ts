import { randomUUID } from 'node:crypto';

import type { BindingInfo, FunctionInvoker, RegisteredFunctionInfo } from '../types';
import type { AppRegistry, RegisteredFunction } from './appRegistry';
import { currentProgrammingModel } from './coreApi';
import type { RpcInvocationResponse, RpcParameterBinding, RpcTypedData } from './rpcTypes';
import { runHooks } from './runHooks';
import { fromTypedData, toTypedData } from './typedData';

/** Supplies data for a non-trigger input binding (the worker's `inputData` entry), computed per invocation. */
export type InputBindingProvider = (
  binding: BindingInfo & { name: string },
  fn: RegisteredFunctionInfo,
  triggerMetadata: Record<string, unknown>,
) => unknown;

/** One invocation in RPC shape: the trigger's data plus `triggerMetadata` (plain values, converted here). */
export interface RpcInvocation {
  triggerData: RpcTypedData | undefined;
  triggerMetadata?: Record<string, unknown>;
  retryContext?: { retryCount: number; maxRetryCount: number };
  /** Set when the caller must know the id up front (the HTTP stream proxy matches requests by it). */
  invocationId?: string;
}

/** The host-side invoker: the `FunctionInvoker` contract plus the raw RPC round trip the HTTP server uses. */
export interface AppInvoker extends FunctionInvoker {
  info(functionName: string): RegisteredFunctionInfo | undefined;
  invokeRpc(functionName: string, invocation: RpcInvocation): Promise<RpcInvocationResponse>;
}

/** The public view of a registered function. */
export function toFunctionInfo(fn: RegisteredFunction): RegisteredFunctionInfo {
  const bindings: Record<string, BindingInfo> = {};
  let trigger: (BindingInfo & { name: string }) | undefined;
  for (const [name, raw] of Object.entries(fn.metadata.bindings ?? {})) {
    const binding = { ...raw, type: String(raw.type), direction: raw.direction ?? 'in' } as BindingInfo;
    bindings[name] = binding;
    if (!trigger && /trigger$/i.test(binding.type)) trigger = { ...binding, name };
  }
  if (!trigger) throw new Error(`Function "${fn.metadata.name}" has no trigger binding`);
  return { name: fn.metadata.name, trigger, bindings };
}

const toRpcMetadata = (metadata: Record<string, unknown>): Record<string, RpcTypedData> => {
  const out: Record<string, RpcTypedData> = {};
  for (const [key, value] of Object.entries(metadata)) {
    const data = toTypedData(value);
    if (data) out[key] = data;
  }
  return out;
};

/**
 * Invokes functions of `app` as the Node worker's InvocationHandler does: getInvocationModel → getArguments →
 * preInvocation hooks → invokeFunction → postInvocation hooks → getResponse.
 */
export function createInvoker(
  app: AppRegistry,
  inputProviders: () => Record<string, InputBindingProvider>,
  onIgnoredBinding: (type: string, fn: string) => void,
): AppInvoker {
  const infos = new Map([...app.functions].map(([id, fn]) => [id, toFunctionInfo(fn)]));

  async function buildInputData(info: RegisteredFunctionInfo, inv: RpcInvocation): Promise<RpcParameterBinding[]> {
    const inputData: RpcParameterBinding[] = [{ name: info.trigger.name, data: inv.triggerData }];
    const providers = inputProviders();
    for (const [name, binding] of Object.entries(info.bindings)) {
      if (binding.direction !== 'in' || name === info.trigger.name) continue;
      const provider = providers[binding.type];
      if (!provider) {
        onIgnoredBinding(binding.type, info.name);
        continue;
      }
      const value: unknown = await provider({ ...binding, name }, info, inv.triggerMetadata ?? {});
      const data = toTypedData(value);
      if (data) inputData.push({ name, data });
    }
    return inputData;
  }

  async function invokeRpc(functionName: string, inv: RpcInvocation): Promise<RpcInvocationResponse> {
    const fn = app.functions.get(functionName);
    const info = infos.get(functionName);
    if (!fn || !info) throw new Error(`Function "${functionName}" is not registered`);
    const model = currentProgrammingModel(app);
    if (!model) throw new Error('The app did not set a programming model (is @azure/functions v4 loaded?)');
    const invocationId = inv.invocationId ?? randomUUID();
    const category = `${fn.metadata.name}.Invocation`;
    const coreCtx: Parameters<typeof model.getInvocationModel>[0] = {
      invocationId,
      request: {
        invocationId,
        functionId: fn.metadata.functionId,
        inputData: await buildInputData(info, inv),
        triggerMetadata: toRpcMetadata(inv.triggerMetadata ?? {}),
        traceContext: { traceParent: undefined, traceState: undefined, attributes: {} },
        retryContext: inv.retryContext ?? null,
      },
      metadata: fn.metadata,
      log: (level, logCategory, message) => app.log(level, logCategory, `${category}: ${message}`, invocationId),
    };
    const model2 = model.getInvocationModel(coreCtx);
    const { context, inputs } = await model2.getArguments();
    const hookData: Record<string, unknown> = {};
    const pre = {
      hookData,
      appHookData: app.appHookData,
      invocationContext: context,
      inputs,
      functionCallback: fn.callback,
    };
    coreCtx.state = 'preInvocationHooks';
    await runHooks(app, 'preInvocation', pre).finally(() => (coreCtx.state = undefined));
    const post = {
      hookData,
      appHookData: app.appHookData,
      invocationContext: context,
      inputs: pre.inputs,
      result: null as unknown,
      error: null as unknown,
    };
    coreCtx.state = 'invocation';
    try {
      post.result = await model2.invokeFunction(context, pre.inputs, pre.functionCallback);
    } catch (error) {
      post.error = error;
    } finally {
      coreCtx.state = undefined;
    }
    coreCtx.state = 'postInvocationHooks';
    await runHooks(app, 'postInvocation', post).finally(() => (coreCtx.state = undefined));
    if (post.error) throw post.error;
    return model2.getResponse(context, post.result);
  }

  return {
    functions: () => [...infos.values()],
    info: (name) => infos.get(name),
    invokeRpc,
    async invoke(functionName, triggerValue, triggerMetadata) {
      const response = await invokeRpc(functionName, { triggerData: toTypedData(triggerValue), triggerMetadata });
      return fromTypedData(response.returnValue);
    },
  };
}
