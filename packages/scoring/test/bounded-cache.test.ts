import { BoundedCache } from '../src/bounded-cache.js';

describe('bounded cache', () => {
  it('when a key is asked again, then its value is not computed again', () => {
    const cache = new BoundedCache<string, number>(2);
    let computed = 0;
    const length = (s: string): number => (computed++, s.length);
    expect(cache.get('abc', length)).toBe(3);
    expect(cache.get('abc', length)).toBe(3);
    expect(computed).toBe(1);
  });

  it('when the cache is full, then only the oldest entry is forgotten', () => {
    const cache = new BoundedCache<string, string>(3);
    const computed: string[] = [];
    const upper = (s: string): string => (computed.push(s), s.toUpperCase());
    for (const key of ['a', 'b', 'c', 'd']) cache.get(key, upper);
    for (const key of ['b', 'c', 'd', 'a']) cache.get(key, upper);
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});
