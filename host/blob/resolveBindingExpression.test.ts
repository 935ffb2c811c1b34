import { describe, expect, it } from 'vitest';

import { resolveBindingExpression } from './resolveBindingExpression';

describe('resolveBindingExpression', () => {
  it.each([
    ['results/{name}.json', { name: 'a.wav' }, 'results/a.wav.json'],
    ['results/{NAME}', { name: 'x' }, 'results/x'],
    ['q-{Properties.ContentType}', { Properties: { contentType: 'audio' } }, 'q-audio'],
    ['%QUEUE%-{id}', { id: 3 }, 'notes-3'],
  ])('%s', (template, data, expected) => {
    expect(resolveBindingExpression(template, data, { QUEUE: 'notes' })).toBe(expected);
  });

  it('makes a fresh guid for {rand-guid}', () => {
    const a = resolveBindingExpression('x/{rand-guid}', {}, {});
    expect(a).toMatch(/^x\/[0-9a-f-]{36}$/);
    expect(resolveBindingExpression('x/{rand-guid}', {}, {})).not.toBe(a);
  });

  it.each([
    ['{missing}', /No value/],
    ['%UNSET%', /not set/],
  ])('fails clearly for %s', (template, message) => {
    expect(() => resolveBindingExpression(template, {}, {})).toThrow(message);
  });
});
