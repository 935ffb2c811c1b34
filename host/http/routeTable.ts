import type { AuthLevel, RegisteredFunctionInfo } from '../types';
import { parseRouteTemplate, type RouteTemplate } from './routeTemplate';

export interface HttpRoute {
  functionName: string;
  methods: string[];
  authLevel: AuthLevel;
  template: RouteTemplate;
  /** Name of the binding that carries the response (`$return` or an `http` output). */
  responseBinding?: string;
}

export type RouteLookup =
  | { kind: 'match'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'none' };

/** `routePrefix` of host.json (`extensions.http.routePrefix`, default `api`, may be empty). */
export function routePrefixOf(hostJson: Record<string, unknown>): string {
  const ext = hostJson.extensions as { http?: { routePrefix?: unknown } } | undefined;
  const prefix = ext?.http?.routePrefix;
  return (typeof prefix === 'string' ? prefix : 'api').replace(/^\/+|\/+$/g, '');
}

const toAuthLevel = (value: unknown): AuthLevel => {
  const v = String(value ?? 'function').toLowerCase();
  return v === 'anonymous' ? 'anonymous' : v === 'admin' || v === 'system' ? 'admin' : 'function';
};

/** Builds the route table of the app's HTTP functions (malformed templates fail here, at startup). */
export function createRouteTable(functions: RegisteredFunctionInfo[], routePrefix: string) {
  const routes: HttpRoute[] = [];
  for (const fn of functions) {
    if (fn.trigger.type.toLowerCase() !== 'httptrigger') continue;
    const route = typeof fn.trigger.route === 'string' && fn.trigger.route !== '' ? fn.trigger.route : fn.name;
    const full = [routePrefix, route.replace(/^\/+/, '')].filter(Boolean).join('/');
    const methods =
      Array.isArray(fn.trigger.methods) && fn.trigger.methods.length > 0
        ? fn.trigger.methods.map((m) => String(m).toUpperCase())
        : ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE'];
    const responseBinding = Object.entries(fn.bindings).find(
      ([, b]) => b.direction === 'out' && b.type.toLowerCase() === 'http',
    )?.[0];
    routes.push({
      functionName: fn.name,
      methods,
      authLevel: toAuthLevel(fn.trigger.authLevel),
      template: parseRouteTemplate(full, fn.name),
      responseBinding,
    });
  }
  const cmp = (a: HttpRoute, b: HttpRoute) => {
    const n = Math.max(a.template.precedence.length, b.template.precedence.length);
    for (let i = 0; i < n; i++) {
      const d = (a.template.precedence[i] ?? 0) - (b.template.precedence[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  routes.sort(cmp);

  return {
    routes,
    lookup(method: string, path: string): RouteLookup {
      const allowed = new Set<string>();
      for (const route of routes) {
        const params = route.template.match(path);
        if (!params) continue;
        if (route.methods.includes(method.toUpperCase())) return { kind: 'match', route, params };
        route.methods.forEach((m) => allowed.add(m));
      }
      return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed] } : { kind: 'none' };
    },
  };
}
