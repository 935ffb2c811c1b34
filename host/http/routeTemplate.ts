import { HostStartupError } from '../hostStartupError';

/** One `{name:constraint?}` parameter of a route template. */
interface RouteParam {
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue?: string;
  constraints: ((value: string) => boolean)[];
}

interface Segment {
  regex: RegExp;
  params: RouteParam[];
  literal: boolean;
}

/** A parsed route template: `match` returns the captured parameters or undefined. */
export interface RouteTemplate {
  template: string;
  /** Lower sorts first: literal segments beat parameters, parameters beat catch-alls (ASP.NET Core precedence). */
  precedence: number[];
  match(path: string): Record<string, string> | undefined;
}

const isNum = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));
const NUMBER_ARG = (fn: string, args: string[], n: number): number[] => {
  const nums = args.map(Number);
  if (args.length !== n || nums.some((x) => !Number.isFinite(x)))
    throw new Error(`constraint ${fn} needs ${n} number(s)`);
  return nums;
};

/** The ASP.NET Core route constraints the Functions host accepts. */
function constraint(spec: string): (value: string) => boolean {
  const m = /^([a-z]+)(?:\((.*)\))?$/is.exec(spec);
  if (!m) throw new Error(`malformed constraint "${spec}"`);
  const name = (m[1] ?? '').toLowerCase();
  const raw = m[2];
  const args = raw === undefined ? [] : raw.split(',').map((a) => a.trim());
  const bare = (check: (v: string) => boolean) => {
    if (raw !== undefined) throw new Error(`constraint ${name} takes no argument`);
    return check;
  };
  switch (name) {
    case 'int':
      return bare((v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31);
    case 'long':
      return bare((v) => /^-?\d+$/.test(v));
    case 'bool':
      return bare((v) => /^(true|false)$/i.test(v));
    case 'double':
    case 'float':
    case 'decimal':
      return bare(isNum);
    case 'guid':
      return bare((v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v));
    case 'datetime':
      return bare((v) => !Number.isNaN(Date.parse(v)));
    case 'alpha':
      return bare((v) => /^[a-z]+$/i.test(v));
    case 'minlength': {
      const [n = 0] = NUMBER_ARG(name, args, 1);
      return (v) => v.length >= n;
    }
    case 'maxlength': {
      const [n = 0] = NUMBER_ARG(name, args, 1);
      return (v) => v.length <= n;
    }
    case 'length': {
      const nums = args.length === 1 ? NUMBER_ARG(name, args, 1) : NUMBER_ARG(name, args, 2);
      const [lo = 0, hi = lo] = nums;
      return (v) => v.length >= lo && v.length <= hi;
    }
    case 'min': {
      const [n = 0] = NUMBER_ARG(name, args, 1);
      return (v) => isNum(v) && Number(v) >= n;
    }
    case 'max': {
      const [n = 0] = NUMBER_ARG(name, args, 1);
      return (v) => isNum(v) && Number(v) <= n;
    }
    case 'range': {
      const [lo = 0, hi = 0] = NUMBER_ARG(name, args, 2);
      return (v) => isNum(v) && Number(v) >= lo && Number(v) <= hi;
    }
    case 'regex': {
      if (raw === undefined) throw new Error('constraint regex needs a pattern');
      const re = new RegExp(`^(?:${raw})$`, 'i');
      return (v) => re.test(v);
    }
    default:
      throw new Error(`unknown constraint "${name}"`);
  }
}

function parseParam(body: string): RouteParam {
  // The regex constraint may contain ':' and '=' of its own, so split on the first of each outside parentheses.
  const m = /^(\*{0,2})([A-Za-z_][A-Za-z0-9_]*)((?::[^:=?]+(?:\([^)]*\))?)*)(\?)?(?:=(.*))?$/s.exec(body);
  if (!m) throw new Error(`malformed parameter "{${body}}"`);
  const constraints = (m[3] ?? '')
    .split(/:(?![^(]*\))/)
    .filter(Boolean)
    .map(constraint);
  return { name: m[2] ?? '', catchAll: (m[1] ?? '') !== '', optional: m[4] === '?', defaultValue: m[5], constraints };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parseSegment(text: string): Segment {
  const params: RouteParam[] = [];
  let pattern = '';
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    if (open < 0) {
      if (rest.includes('}')) throw new Error(`unbalanced "}" in "${text}"`);
      pattern += escapeRe(rest);
      break;
    }
    if (rest.slice(0, open).includes('}')) throw new Error(`unbalanced braces in "${text}"`);
    // Inside a parameter, "}}" is an escaped brace (regex constraints such as regex(^\\d{{3}}$)).
    let close = -1;
    for (let k = open + 1; k < rest.length; k++) {
      if (rest[k] !== '}') continue;
      if (rest[k + 1] === '}') {
        k++;
        continue;
      }
      close = k;
      break;
    }
    if (close < 0) throw new Error(`unbalanced "{" in "${text}"`);
    pattern += escapeRe(rest.slice(0, open));
    const param = parseParam(
      rest
        .slice(open + 1, close)
        .replace(/\{\{/g, '{')
        .replace(/\}\}/g, '}'),
    );
    params.push(param);
    pattern += param.catchAll ? '(.*)' : '([^/]+?)';
    rest = rest.slice(close + 1);
    if (rest.startsWith('{')) throw new Error(`two parameters without a literal between them in "${text}"`);
  }
  return { regex: new RegExp(`^${pattern}$`, 'i'), params, literal: params.length === 0 };
}

/** Parses a route template such as `items/{id:int}/{part:alpha?}`; a malformed one throws a HostStartupError. */
export function parseRouteTemplate(template: string, functionName = ''): RouteTemplate {
  const clean = template.replace(/^\/+|\/+$/g, '');
  let segments: Segment[];
  try {
    if (clean.includes('//')) throw new Error('empty segment');
    if (clean.includes('?') && !/\{[^}]*\?[^}]*\}/.test(clean)) throw new Error('"?" outside a parameter');
    segments = clean === '' ? [] : clean.split('/').map(parseSegment);
    const all = segments.flatMap((s) => s.params);
    const names = all.map((p) => p.name.toLowerCase());
    const dupe = names.find((n, i) => names.indexOf(n) !== i);
    if (dupe) throw new Error(`parameter "${dupe}" appears twice`);
    segments.forEach((s, i) => {
      const last = i === segments.length - 1;
      if (s.params.some((p) => p.catchAll) && !last) throw new Error('a catch-all parameter must be the last segment');
      if (s.params.some((p) => p.optional || p.defaultValue !== undefined) && s.params.length > 1)
        throw new Error('an optional parameter must be alone in its segment');
    });
    const firstOptional = segments.findIndex((s) =>
      s.params.some((p) => p.optional || p.defaultValue !== undefined || p.catchAll),
    );
    if (
      firstOptional >= 0 &&
      segments
        .slice(firstOptional)
        .some((s) => s.literal || s.params.some((p) => !(p.optional || p.defaultValue !== undefined || p.catchAll)))
    ) {
      throw new Error('an optional parameter can only be followed by optional parameters');
    }
  } catch (error) {
    throw new HostStartupError(
      `Function "${functionName}": invalid route template "${template}": ${(error as Error).message}`,
    );
  }
  const precedence = segments.map((s) =>
    s.literal ? 1 : s.params.some((p) => p.catchAll) ? 5 : s.params.some((p) => p.constraints.length > 0) ? 2 : 3,
  );

  return {
    template,
    precedence,
    match(path) {
      const parts = path.replace(/^\/+|\/+$/g, '');
      const given = parts === '' ? [] : parts.split('/');
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i]!;
        const catchAll = seg.params.find((p) => p.catchAll);
        const joined = catchAll ? given.slice(i).join('/') : given[i];
        const text = catchAll && joined === '' ? undefined : joined;
        if (text === undefined) {
          if (seg.params.every((p) => p.optional || p.defaultValue !== undefined || p.catchAll)) {
            for (const p of seg.params) if (p.defaultValue !== undefined) params[p.name] = p.defaultValue;
            continue;
          }
          return undefined;
        }
        const m = seg.regex.exec(text);
        if (!m) return undefined;
        for (let j = 0; j < seg.params.length; j++) {
          const p = seg.params[j]!;
          let value: string;
          try {
            value = decodeURIComponent(m[j + 1] ?? '');
          } catch {
            return undefined;
          }
          if (!p.constraints.every((c) => c(value))) return undefined;
          params[p.name] = value;
        }
        if (catchAll) return params;
      }
      return given.length <= segments.length ? params : undefined;
    },
  };
}
