import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompiledPage, PageCache, slotMarker } from './page-cache.js';

describe('PageCache', () => {
  it('drops a site’s pages when its content changes, and only that site’s', () => {
    const cache = new PageCache<string>();
    cache.set('a', '/', 'home a', cache.version('a'));
    cache.set('b', '/', 'home b', cache.version('b'));
    cache.invalidateSite('a');
    expect(cache.get('a', '/')).toBeUndefined();
    expect(cache.get('b', '/')).toBe('home b');
  });

  it('stores a page rendered before a change as already stale', () => {
    const cache = new PageCache<string>();
    const versionAtRead = cache.version('a');
    cache.invalidateSite('a'); // an edit lands while the page renders
    cache.set('a', '/', 'old content', versionAtRead);
    expect(cache.get('a', '/')).toBeUndefined();
  });

  it('keeps at most maxEntries pages, dropping the oldest', () => {
    const cache = new PageCache<number>(3);
    for (let i = 0; i < 5; i++) cache.set('a', `/${i}`, i, 0);
    expect(cache.size).toBe(3);
    expect(cache.get('a', '/0')).toBeUndefined();
    expect(cache.get('a', '/4')).toBe(4);
  });
});

describe('CompiledPage', () => {
  it('fills its slots per request, in plain and gzip form', () => {
    const page = new CompiledPage(`<p>Lượt xem: ${slotMarker('views')}</p><p>${slotMarker('visits')}</p>`);
    expect(page.slotNames).toEqual(['views', 'visits']);
    const values = [Buffer.from('2.577'), Buffer.from('69.534')];
    expect(Buffer.concat(page.body(values, false)).toString()).toBe('<p>Lượt xem: 2.577</p><p>69.534</p>');
    expect(zlib.gunzipSync(Buffer.concat(page.body(values, true))).toString()).toBe('<p>Lượt xem: 2.577</p><p>69.534</p>');
  });

  it('does not treat a marker-like text without the process token as a slot', () => {
    const page = new CompiledPage('<p>cong-slot-0000000000000000-views</p>');
    expect(page.slotNames).toEqual([]);
  });
});
