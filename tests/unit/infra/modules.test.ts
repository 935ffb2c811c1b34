import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  bicepFiles,
  bicepOutputs,
  bicepParams,
  blankStringsAndComments,
  moduleCalls,
  readRepoFile,
  ROOT,
} from './bicepText';

// No Bicep compiler here (it downloads a binary): these checks catch the wiring mistakes a build would.
const main = readRepoFile('infra/main.bicep');
const calls = moduleCalls(main);

describe('Bicep module wiring (infra/main.bicep)', () => {
  it('finds the modules (guards the parser)', () => {
    expect(calls.map((c) => c.symbol)).toEqual(
      expect.arrayContaining(['identity', 'storage', 'dts', 'speech', 'language', 'openAi', 'rbac', 'settings', 'api']),
    );
  });

  it.each(calls.map((c) => [c.symbol, c] as const))(
    'module %s passes exactly the params its file declares',
    (_, call) => {
      const path = join(dirname(join(ROOT, 'infra/main.bicep')), call.path);
      expect(existsSync(path), call.path).toBe(true);
      const declared = bicepParams(readRepoFile(join('infra', call.path)));
      const names = declared.map((p) => p.name);
      for (const passed of call.params) expect(names, `${call.symbol}.${passed}`).toContain(passed);
      for (const required of declared.filter((p) => !p.hasDefault))
        expect(call.params, `${call.symbol} misses ${required.name}`).toContain(required.name);
    },
  );

  it('reads only outputs the modules declare', () => {
    const outputsOf = new Map(calls.map((c) => [c.symbol, bicepOutputs(readRepoFile(join('infra', c.path)))]));
    const used = [...main.matchAll(/\b(\w+)\.outputs\.(\w+)/g)];
    expect(used.length).toBeGreaterThan(20);
    for (const [, symbol = '', output = ''] of used)
      expect(outputsOf.get(symbol), `${symbol}.outputs.${output}`).toContain(output);
  });

  it('main.parameters.json maps only declared params and covers every required one', () => {
    const declared = bicepParams(main);
    const mapped = Object.keys(
      (JSON.parse(readRepoFile('infra/main.parameters.json')) as { parameters: Record<string, unknown> }).parameters,
    );
    for (const name of mapped) expect(declared.map((p) => p.name)).toContain(name);
    for (const p of declared.filter((d) => !d.hasDefault)) expect(mapped).toContain(p.name);
  });

  it('derives names from a resourceToken of subscription, environment and location', () => {
    expect(main).toMatch(/resourceToken = toLower\(uniqueString\(subscription\(\)\.id, environmentName, location\)\)/);
    const abbreviations = Object.keys(JSON.parse(readRepoFile('infra/abbreviations.json')) as object);
    for (const [, key = ''] of main.matchAll(/abbrs\.(\w+)/g)) expect(abbreviations).toContain(key);
  });

  it('exports the outputs the postdeploy hook reads', () => {
    const hook = readRepoFile('infra/hooks/postdeploy.sh');
    const needed = [...hook.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1] ?? '');
    expect(needed.length).toBeGreaterThanOrEqual(4);
    for (const name of needed) expect(bicepOutputs(main)).toContain(name);
  });

  it.each(bicepFiles())('%s has balanced braces and brackets and is small', (file) => {
    const text = blankStringsAndComments(readRepoFile(file));
    const count = (re: RegExp) => (text.match(re) ?? []).length;
    expect(count(/\{/g)).toBe(count(/\}/g));
    expect(count(/\[/g)).toBe(count(/\]/g));
    expect(count(/\(/g)).toBe(count(/\)/g));
    expect(text.split('\n').length).toBeLessThan(300);
  });
});
