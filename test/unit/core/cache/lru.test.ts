import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../../electron/core/cache/lru.js';

describe('LruCache', () => {
  it('evicts the least recently used entry by count', () => {
    const lru = new LruCache<string>(2, 1000, (v) => v.length);
    lru.set('a', 'A');
    lru.set('b', 'B');
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C');
    expect(lru.get('b')).toBeUndefined();
    expect(lru.values()).toEqual(['A', 'C']);
  });

  it('evicts by total size and never keeps an entry bigger than the bound', () => {
    const lru = new LruCache<string>(10, 10, (v) => v.length);
    lru.set('a', 'xxxx');
    lru.set('b', 'yyyy');
    lru.set('c', 'zzzz');
    expect(lru.totalBytes).toBe(8);
    expect(lru.get('a')).toBeUndefined();
    lru.set('huge', 'x'.repeat(11));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(2);
  });
});
