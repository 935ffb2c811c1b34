import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { createMemoryLogger } from '../log';
import type { HostExtension } from '../types';
import { loadApp } from './loadApp';

const apps = path.resolve(__dirname, '../../tests/fixtures/apps');

describe('loadApp', () => {
  it('registers every function of the app with its trigger and bindings', async () => {
    const loaded = await loadApp(path.join(apps, 'basic'), { log: createMemoryLogger() });
    const names = loaded.functions.map((f) => f.name).sort();
    expect(names).toEqual([
      'admin',
      'appStarted',
      'echo',
      'echoActivity',
      'fail',
      'hello',
      'item',
      'logsSecret',
      'ping',
      'saveBlob',
      'stream',
      'withExtraInput',
    ]);
    const item = loaded.functions.find((f) => f.name === 'item');
    expect(item?.trigger).toMatchObject({ type: 'httpTrigger', route: 'items/{id:int}/{part:alpha?}' });
    expect(loaded.hostJson).toMatchObject({ extensions: { http: { routePrefix: 'api' } } });
  });

  it.each([
    ['an object', { a: 1, nested: [1, 2] }, 'object'],
    ['a string', 'text', 'string'],
    ['a Buffer', Buffer.from('bytes'), 'buffer'],
    ['an integer', 42, 'number'],
  ])('delivers %s to an extension trigger and returns the return value', async (_label, value, type) => {
    const loaded = await loadApp(path.join(apps, 'basic'), { log: createMemoryLogger() });
    const result = (await loaded.invoker.invoke('echoActivity', value, { instanceId: 'abc' })) as {
      got: unknown;
      type: string;
      meta: Record<string, unknown>;
    };
    expect(result.type).toBe(type);
    expect(result.got).toEqual(Buffer.isBuffer(value) ? { type: 'Buffer', data: [...value] } : value);
    expect(result.meta).toEqual({ instanceId: 'abc' });
  });

  it('runs appStart and preInvocation hooks', async () => {
    const loaded = await loadApp(path.join(apps, 'basic'), { log: createMemoryLogger() });
    await expect(loaded.invoker.invoke('appStarted', {})).resolves.toBe(true);
    await expect(loaded.invoker.invoke('echoActivity', { hook: 1 })).resolves.toMatchObject({
      got: { hook: 1, seenByHook: true },
    });
  });

  it('supplies extension input bindings and ignores unknown ones once', async () => {
    const log = createMemoryLogger();
    const ext: HostExtension = {
      name: 'fancy',
      triggerTypes: [],
      inputBindings: { fancyClient: (binding, fn) => ({ for: fn.name, binding: binding.name }) },
      start: async () => undefined,
      stop: async () => undefined,
    };
    const loaded = await loadApp(path.join(apps, 'basic'), { log, extensions: [ext] });
    await expect(loaded.invoker.invoke('withExtraInput', 1)).resolves.toEqual({
      client: { for: 'withExtraInput', binding: 'client' },
      nothing: null,
    });
    await loaded.invoker.invoke('withExtraInput', 2);
    expect(log.lines.filter((l) => l.message.includes('"unknownThing"'))).toHaveLength(1);
  });

  it('passes user logs through log hooks', async () => {
    const log = createMemoryLogger();
    const loaded = await loadApp(path.join(apps, 'basic'), { log });
    await expect(loaded.invoker.invoke('logsSecret', 1)).resolves.toBe('logged');
    expect(log.lines.some((l) => l.message.includes('[scrubbed]'))).toBe(true);
    expect(log.lines.some((l) => l.message.includes('secret value'))).toBe(false);
  });

  it('rejects with the error the function threw', async () => {
    const loaded = await loadApp(path.join(apps, 'basic'), { log: createMemoryLogger() });
    await expect(loaded.invoker.invoke('fail', undefined)).rejects.toThrow('boom');
    await expect(loaded.invoker.invoke('nope', 1)).rejects.toThrow(/not registered/);
  });

  it.each([
    ['syntax-error', /unable to load entry point "index.js": SyntaxError: .*index\.js:3/s],
    ['duplicate', /already been registered/],
    ['missing', /does not exist/],
  ])('fails clearly for the %s app', async (name, message) => {
    await expect(loadApp(path.join(apps, name), { log: createMemoryLogger() })).rejects.toThrow(message);
  });
});
