import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { addArticleViews, addSiteVisits } from './stats.repo.js';

describe.each(ENGINES)('counter writes on %s', (engine) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.destroy());

  it('adds every delta in statements of a thousand rows and returns the new totals', async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    const siteId = await createSite(db, { host: 'localhost', name: 'Sở', visitCount: 10 });
    const category = await createCategory(db, { siteId, name: 'Tin tức' });
    const now = new Date().toISOString();
    const ids = Array.from({ length: 1500 }, (_, i) => `article-${i}`);
    for (let i = 0; i < ids.length; i += 500) {
      await db
        .insertInto('articles')
        .values(ids.slice(i, i + 500).map((id, n) => ({ id, site_id: siteId, category_id: category.id, slug: id, title: id, lead: '', body_html: '', gallery_title: '', byline: '', cover_media_id: null, posted_by: null, status: 'published', is_featured: 0, published_at: now, view_count: i + n, created_at: now, updated_at: now })))
        .execute();
    }
    const deltas = new Map(ids.map((id, n) => [id, n % 7 + 1]));
    deltas.set('no-such-article', 5);
    const totals = await db.transaction().execute((trx) => addArticleViews(trx, deltas));
    expect(totals.size).toBe(1500);
    expect(totals.get('article-0')).toBe(1);
    expect(totals.get('article-1499')).toBe(1499 + (1499 % 7) + 1);
    const stored = await db.selectFrom('articles').select(['id', 'view_count']).where('id', 'in', ['article-0', 'article-1000', 'article-1499']).orderBy('id').execute();
    expect(stored.map((r) => Number(r.view_count))).toEqual([1, 1000 + (1000 % 7) + 1, 1499 + (1499 % 7) + 1]);

    expect(await addSiteVisits(db, new Map([[siteId, 3]]))).toEqual(new Map([[siteId, 13]]));
  });
});
