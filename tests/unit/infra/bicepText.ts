import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Repository root (tests run from anywhere). */
export const ROOT = join(__dirname, '..', '..', '..');

/** A repository file's text. */
export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Every `.bicep` file under `infra/`, as repository-relative paths. */
export function bicepFiles(dir = join(ROOT, 'infra')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return bicepFiles(path);
    return entry.name.endsWith('.bicep') ? [relative(ROOT, path)] : [];
  });
}

/**
 * Bicep source with comments and string contents blanked (same length, same offsets), so braces and keys can be
 * scanned without strings or comments confusing the count. Quotes stay, contents become spaces.
 */
export function blankStringsAndComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === "'") {
      out += "'";
      i++;
      while (i < text.length && text[i] !== "'") {
        const step = text[i] === '\\' ? 2 : 1;
        out += text.slice(i, i + step).replace(/[^\n]/g, ' ');
        i += step;
      }
      out += i < text.length ? "'" : '';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Text of the `{…}` block whose opening brace is at `open` (exclusive of the braces). */
export function blockAt(text: string, open: number): string {
  const blank = blankStringsAndComments(text);
  let depth = 0;
  for (let i = open; i < blank.length; i++) {
    if (blank[i] === '{' || blank[i] === '[') depth++;
    if (blank[i] === '}' || blank[i] === ']') depth--;
    if (depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced block at ${open}`);
}

/** Keys at the top level of an object literal's inner text (`a: 1\n b: { c: 2 }` → a, b). */
export function topLevelKeys(inner: string): string[] {
  const blank = blankStringsAndComments(inner);
  const keys: string[] = [];
  let depth = 0;
  for (const line of blank.split('\n')) {
    const match = depth === 0 ? /^\s*([A-Za-z_][\w]*)\s*:/.exec(line) : null;
    if (match?.[1]) keys.push(match[1]);
    for (const ch of line) {
      if (ch === '{' || ch === '[' || ch === '(') depth++;
      if (ch === '}' || ch === ']' || ch === ')') depth--;
    }
  }
  return keys;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

/** The `param` declarations of a Bicep file. */
export function bicepParams(text: string): BicepParam[] {
  return [...text.matchAll(/^param (\w+) (\w+)(\s*=)?/gm)].map((m) => ({
    name: m[1] ?? '',
    type: m[2] ?? '',
    hasDefault: Boolean(m[3]),
  }));
}

/** The `output` names of a Bicep file. */
export function bicepOutputs(text: string): string[] {
  return [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? '');
}

export interface ModuleCall {
  symbol: string;
  path: string;
  params: string[];
}

/** The `module` declarations of a Bicep file with the names of the params they pass. */
export function moduleCalls(text: string): ModuleCall[] {
  return [...text.matchAll(/^module (\w+) '([^']+)' = [^{]*\{/gm)].map((m) => {
    const body = blockAt(text, (m.index ?? 0) + m[0].length - 1);
    const paramsAt = /^\s*params: \{/m.exec(body);
    const params = paramsAt ? topLevelKeys(blockAt(body, paramsAt.index + paramsAt[0].length - 1)) : [];
    return { symbol: m[1] ?? '', path: m[2] ?? '', params };
  });
}

export interface ResourceDecl {
  symbol: string;
  type: string;
  /** Loop variable and collection of a `[for x in xs: …]` declaration. */
  loop?: { variable: string; collection: string };
  body: string;
}

/** The `resource` declarations of a Bicep file of one type prefix (e.g. `Microsoft.Authorization/roleAssignments`). */
export function resources(text: string, typePrefix: string): ResourceDecl[] {
  const pattern = /^resource (\w+) '([^'@]+)@[^']+' = (\[\s*for (\w+) in (\w+):[^{]*)?[^{[]*\{/gm;
  return [...text.matchAll(pattern)]
    .filter((m) => (m[2] ?? '').startsWith(typePrefix))
    .map((m) => ({
      symbol: m[1] ?? '',
      type: m[2] ?? '',
      loop: m[4] && m[5] ? { variable: m[4], collection: m[5] } : undefined,
      body: blockAt(text, (m.index ?? 0) + m[0].length - 1),
    }));
}
