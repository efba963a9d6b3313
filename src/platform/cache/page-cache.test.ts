import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompiledPage, PageCache, slotMarker } from './page-cache.js';

const byLength = (value: string) => value.length;

describe('PageCache', () => {
  it('drops a site’s pages when its content changes, and only that site’s', () => {
    const cache = new PageCache<string>({ sizeOf: byLength });
    cache.set('a', '/', 'home a', cache.version('a'));
    cache.set('b', '/', 'home b', cache.version('b'));
    cache.invalidateSite('a');
    expect(cache.get('a', '/')).toBeUndefined();
    expect(cache.get('b', '/')).toBe('home b');
  });

  it('stores a page rendered before a change as already stale', () => {
    const cache = new PageCache<string>({ sizeOf: byLength });
    const versionAtRead = cache.version('a');
    cache.invalidateSite('a'); // an edit lands while the page renders
    cache.set('a', '/', 'old content', versionAtRead);
    expect(cache.get('a', '/')).toBeUndefined();
  });

  it('stays within its byte bound under a flood of distinct pages, keeping the ones in use', () => {
    const maxBytes = 2 * 1024 * 1024;
    const cache = new PageCache<string>({ maxBytes, sizeOf: byLength });
    const page = 'x'.repeat(20_000);
    cache.set('a', '/busy', page, 0);
    for (let i = 0; i < 20_000; i++) {
      cache.set('a', `/crawl/${i}`, page, 0);
      if (i % 50 === 0) expect(cache.get('a', '/busy')).toBe(page); // read often, so recently used
      expect(cache.byteSize).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.size).toBeLessThan(maxBytes / page.length);
    expect(cache.get('a', '/busy')).toBe(page);
    expect(cache.get('a', '/crawl/0')).toBeUndefined();
  });

  it('charges long keys too, and never stores a page larger than the whole bound', () => {
    const cache = new PageCache<string>({ maxBytes: 100_000, sizeOf: byLength });
    for (let i = 0; i < 10_000; i++) cache.set('a', `/${i}-${'k'.repeat(2000)}`, '', 0);
    expect(cache.byteSize).toBeLessThanOrEqual(100_000);
    cache.set('a', '/huge', 'x'.repeat(200_000), 0);
    expect(cache.get('a', '/huge')).toBeUndefined();
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

  it('counts the bytes it holds, plain and compressed', () => {
    const html = `<p>${'Hội nghị '.repeat(1000)}</p>`;
    const page = new CompiledPage(html);
    const plain = Buffer.byteLength(html);
    expect(page.byteLength).toBeGreaterThan(plain);
    expect(page.byteLength).toBeLessThan(plain * 1.5);
  });

  it('does not treat a marker-like text without the process token as a slot', () => {
    const page = new CompiledPage('<p>cong-slot-0000000000000000-views</p>');
    expect(page.slotNames).toEqual([]);
  });
});
