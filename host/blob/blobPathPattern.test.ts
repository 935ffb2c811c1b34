import { describe, expect, it } from 'vitest';

import { parseBlobPath } from './blobPathPattern';

describe('parseBlobPath', () => {
  it.each([
    ['uploads/{name}', 'visit.wav', { name: 'visit.wav' }],
    ['uploads/{name}', 'a/b/visit.wav', { name: 'a/b/visit.wav' }],
    ['uploads/{stem}.{ext}', 'visit.2.wav', { stem: 'visit', ext: '2.wav' }],
    ['uploads/audio/{name}', 'audio/x.wav', { name: 'x.wav' }],
    ['uploads/audio/{name}', 'docs/x.pdf', undefined],
    ['uploads', 'anything', {}],
    // A line break is legal in a blob name: such an upload must fire too (issue 10 item 6).
    ['uploads/{name}', 'visit\nnotes.txt', { name: 'visit\nnotes.txt' }],
    ['uploads/{name}', 'visit\r\n.txt', { name: 'visit\r\n.txt' }],
    ['uploads', 'line\nbreak', {}],
  ])('%s matches %s → %j', (path, blob, expected) => {
    expect(parseBlobPath(path).match(blob)).toEqual(expected);
  });

  it('lists by the literal prefix of the pattern', () => {
    expect(parseBlobPath('uploads/audio/{name}')).toMatchObject({ container: 'uploads', prefix: 'audio/' });
  });

  it.each(['{container}/x', 'Up/x', 'uploads/{na-me}', 'uploads/{name'])('rejects %s', (path) => {
    expect(() => parseBlobPath(path, 'fn')).toThrow(/blob path|malformed/);
  });
});
