import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { createSite } from '../sites/index.js';
import { MAX_REDIRECT_DEPTH, findRedirect, recordMove } from './redirects.service.js';

describe.each(ENGINES)('redirects on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở' });
    otherSiteId = await createSite(testDb.db.kysely, { host: 'phong.kontum.gov.vn', name: 'Phòng' });
  });
  afterEach(async () => testDb.destroy());

  const move = (fromPath: string, toPath: string, site = siteId) => recordMove(testDb.db.kysely, { siteId: site, fromPath, toPath });
  const find = (path: string, liveDepth?: number, site = siteId) => findRedirect(testDb.db.kysely, { siteId: site, path, liveDepth });
  const rows = async () =>
    (await testDb.db.kysely.selectFrom('redirects').select(['from_path', 'to_path']).where('site_id', '=', siteId).orderBy('from_path').execute()).map((r) => `${r.from_path} → ${r.to_path}`);

  it('sends an old path, and every path below it, to the new place by the longest old prefix', async () => {
    await move('tin-tuc', 'gioi-thieu/tin-tuc');
    await move('tin-tuc/thong-bao', 'thong-bao');
    expect(await find('tin-tuc')).toBe('gioi-thieu/tin-tuc');
    expect(await find('tin-tuc/bai-viet')).toBe('gioi-thieu/tin-tuc/bai-viet');
    expect(await find('tin-tuc/thong-bao')).toBe('thong-bao');
    expect(await find('tin-tuc/thong-bao/bai-viet')).toBe('thong-bao/bai-viet');
    expect(await find('tin-tuc-khac')).toBeUndefined();
    expect(await find('gioi-thieu/tin-tuc')).toBeUndefined();
    expect(await find('')).toBeUndefined();
  });

  it('does nothing for a move to the same path', async () => {
    await move('tin-tuc', 'tin-tuc');
    expect(await rows()).toEqual([]);
  });

  it('sends the oldest path straight to the newest after two moves: one hop, never a chain', async () => {
    await move('a', 'b');
    await move('b', 'c');
    expect(await rows()).toEqual(['a → c', 'b → c']);
    expect(await find('a/bai-viet')).toBe('c/bai-viet');
  });

  it('drops the redirect away from a path that a move brings content back to, so nothing loops', async () => {
    await move('a', 'b');
    await move('b', 'a');
    expect(await rows()).toEqual(['b → a']);
    expect(await find('a')).toBeUndefined();
    expect(await find('b/bai-viet')).toBe('a/bai-viet');
    // and there again: a → b once more, b no longer redirects
    await move('a', 'b');
    expect(await rows()).toEqual(['a → b']);
  });

  it('replaces an older redirect from a path that something else has lived at since', async () => {
    await move('a', 'b');
    // a new category took 'a' (a live path, the old row shadowed), then moved on to 'c'
    await move('a', 'c');
    expect(await rows()).toEqual(['a → c']);
  });

  it('never uses a redirect of another site', async () => {
    await move('tin-tuc', 'gioi-thieu/tin-tuc', otherSiteId);
    expect(await find('tin-tuc')).toBeUndefined();
    expect(await find('tin-tuc', 0, otherSiteId)).toBe('gioi-thieu/tin-tuc');
    // a move on this site leaves the other site's rows alone
    await move('gioi-thieu/tin-tuc', 'tin-tuc');
    expect(await find('tin-tuc', 0, otherSiteId)).toBe('gioi-thieu/tin-tuc');
  });

  it('lets a live category shadow redirects from its path, but not from deeper old paths', async () => {
    await move('tin-tuc', 'gioi-thieu/tin-tuc');
    await move('tin-tuc/thong-bao', 'gioi-thieu/tin-tuc/thong-bao');
    // a new 'tin-tuc' exists now (liveDepth 1): its unknown pages are its own 404s
    expect(await find('tin-tuc/bai-viet', 1)).toBeUndefined();
    expect(await find('tin-tuc/thong-bao/bai-viet', 1)).toBe('gioi-thieu/tin-tuc/thong-bao/bai-viet');
  });

  it('looks nothing up for a path deeper than any category tree', async () => {
    await move('a', 'b');
    const deep = ['a', ...Array.from({ length: MAX_REDIRECT_DEPTH }, (_, i) => `x${i}`)].join('/');
    expect(await find(deep)).toBeUndefined();
    expect(await find(deep.split('/').slice(0, MAX_REDIRECT_DEPTH).join('/'))).toMatch(/^b\//);
  });
});
