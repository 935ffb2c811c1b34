import { randomUUID } from 'node:crypto';

/**
 * Resolves a binding expression such as `results/{name}-{rand-guid}.json` or `%QUEUE_NAME%` against the trigger's
 * binding data (case-insensitive, dotted paths into objects) and app settings, like the host's binding templates.
 */
export function resolveBindingExpression(
  template: string,
  bindingData: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const withSettings = template.replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`App setting "${name}" used in a binding expression is not set`);
    return value;
  });
  const lower = new Map(Object.entries(bindingData).map(([k, v]) => [k.toLowerCase(), v]));
  return withSettings.replace(/\{([^}]+)\}/g, (_m, expr: string) => {
    const key = expr.trim().toLowerCase();
    if (key === 'rand-guid' || key === 'sys.randguid') return randomUUID();
    if (key === 'datetime' || key === 'sys.utcnow') return new Date().toISOString();
    const [head, ...rest] = key.split('.');
    let value: unknown = lower.get(head ?? '');
    for (const part of rest) {
      if (value === null || typeof value !== 'object') break;
      const entry = Object.entries(value as Record<string, unknown>).find(([k]) => k.toLowerCase() === part);
      value = entry?.[1];
    }
    if (value === undefined || value === null || typeof value === 'object')
      throw new Error(`No value for binding expression "{${expr}}"`);
    return String(value);
  });
}
