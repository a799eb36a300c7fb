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

  it('when values are set from outside (computed elsewhere), then they count toward the limit like computed ones', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10); // a key already kept: replaced, nothing forgotten
    expect([cache.peek('a'), cache.peek('b')]).toEqual([10, 2]);
    cache.set('c', 3); // full: the oldest (a) is forgotten
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([undefined, 2, 3]);
    cache.delete('b');
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.get('b', () => 20)).toBe(20);
  });
});
