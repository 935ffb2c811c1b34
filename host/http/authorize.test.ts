import { describe, expect, it } from 'vitest';

import { isAuthorized, presentedKey } from './authorize';

const keys = {
  master: 'M',
  functionKeys: { default: 'F', other: 'G' },
  systemKeys: { durabletask_extension: 'S', other_extension: 'O' },
};

describe('isAuthorized', () => {
  it.each([
    ['anonymous', undefined, true],
    ['function', undefined, false],
    ['function', 'F', true],
    ['function', 'G', true],
    ['function', 'M', true],
    ['function', 'X', false],
    ['admin', 'F', false],
    ['admin', 'M', true],
    ['admin', 'S', false],
  ] as const)('%s with key %s → %s', (level, key, expected) => {
    expect(isAuthorized(level, key, keys)).toBe(expected);
  });

  it.each([
    ['S', 'durabletask_extension', true],
    ['M', 'durabletask_extension', true],
    ['F', 'durabletask_extension', false],
    ['O', 'durabletask_extension', false],
    [undefined, 'durabletask_extension', false],
    ['S', undefined, false],
    ['S', 'other_extension', false],
  ] as const)('system route %s with key %s → %s', (key, systemKey, expected) => {
    expect(isAuthorized('system', key, keys, systemKey)).toBe(expected);
  });
  it('a system key does not open function routes', () => {
    expect(isAuthorized('function', 'S', keys)).toBe(false);
  });
});

describe('presentedKey', () => {
  it('prefers the x-functions-key header over the code query parameter', () => {
    expect(presentedKey({ 'x-functions-key': 'H' }, new URL('http://h/?code=Q'))).toBe('H');
    expect(presentedKey({}, new URL('http://h/?code=Q'))).toBe('Q');
    expect(presentedKey({}, new URL('http://h/'))).toBeUndefined();
  });
});
