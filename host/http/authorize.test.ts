import { describe, expect, it } from 'vitest';

import { isAuthorized, presentedKey } from './authorize';

const keys = { master: 'M', functionKeys: { default: 'F', other: 'G' } };

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
  ] as const)('%s with key %s → %s', (level, key, expected) => {
    expect(isAuthorized(level, key, keys)).toBe(expected);
  });
});

describe('presentedKey', () => {
  it('prefers the x-functions-key header over the code query parameter', () => {
    expect(presentedKey({ 'x-functions-key': 'H' }, new URL('http://h/?code=Q'))).toBe('H');
    expect(presentedKey({}, new URL('http://h/?code=Q'))).toBe('Q');
    expect(presentedKey({}, new URL('http://h/'))).toBeUndefined();
  });
});
