import type { AppRegistry } from './appRegistry';

/** Runs the app's hooks named `hookName` in registration order; a throwing hook fails the step, as on the worker. */
export async function runHooks(app: AppRegistry, hookName: string, context: Record<string, unknown>): Promise<void> {
  for (const callback of [...(app.hooks.get(hookName) ?? [])]) {
    await callback(context);
  }
}
