import { describe, expect, it } from 'vitest';

import { parseText } from '../../../src/engines/documents/parseText';

describe('parseText', () => {
  it('starts a turn at each label and continues it on unlabelled lines', () => {
    const turns = parseText(
      'Dr. Evans: What brings you in?\nPatient: A cough\nfor three days.\n\nDr. Evans: Any fever?',
    );
    expect(turns).toEqual([
      { label: 'Dr. Evans', text: 'What brings you in?' },
      { label: 'Patient', text: 'A cough for three days.' },
      { label: 'Dr. Evans', text: 'Any fever?' },
    ]);
  });

  it('splits unlabelled text into paragraphs', () => {
    expect(parseText('\uFEFFFirst paragraph\nstill first.\r\n\r\nSecond one.\n\n\n')).toEqual([
      { text: 'First paragraph\nstill first.' },
      { text: 'Second one.' },
    ]);
  });

  it.each([
    ['Time 10:30 is not a label', 1],
    ['Note: one\nnot a label: but continues', 1],
  ])('%j gives %i turn(s)', (text, count) => {
    expect(parseText(text)).toHaveLength(count);
  });
});
