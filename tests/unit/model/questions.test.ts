import { describe, expect, it } from 'vitest';

import { isQuestionSentence } from '../../../src/model/questions';

describe('isQuestionSentence', () => {
  it.each([
    ['Do you have chest pain?', true],
    ['You have chest pain?', true],
    ['any weakness in your legs or problems with your bladder', true],
    ['does the pain go down your legs', true],
    ['has anyone in your family had heart disease', true],
    ['what have you tried for the pain', true],
    ['how bad is the pain', true],
    ['Does the pain go down your legs.', false],
    ['my sister has arthritis', false],
    ['do not take ibuprofen', false],
    ['have a seat', false],
    ['no weakness and no bladder problems', false],
    ['', false],
  ])('%j → %s', (sentence, expected) => {
    expect(isQuestionSentence(sentence)).toBe(expected);
  });
});
