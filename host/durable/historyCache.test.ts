import { describe, expect, it } from 'vitest';

import { HistoryCache } from './historyCache';

describe('HistoryCache (issue 15 item 14)', () => {
  it('keeps at most max histories, evicting the least recently used', () => {
    const cache = new HistoryCache(2);
    cache.set('a', []);
    cache.set('b', []);
    cache.get('a'); // a is now the most recent
    cache.set('c', []);
    expect([...cache.keys()].sort()).toEqual(['a', 'c']);
    expect(cache.size).toBe(2);
  });
});
