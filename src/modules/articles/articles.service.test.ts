import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { openPostgres, type Db } from '../../platform/db/kysely.js';
import { AppError } from '../../platform/errors.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { ArticleSlugBusyError, ArticleSlugTakenError } from './articles.errors.js';
import { createArticle } from './articles.service.js';

/**
 * Makes the read of taken slugs come back empty `times` times, as if a racing create had
 * inserted in between: the deterministic form of the race, on either engine.
 */
function hideTakenSlugs(times: number): KyselyPlugin {
  const hidden = new WeakSet<object>();
  let left = times;
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (node.kind === 'SelectQueryNode' && left > 0) {
        left--;
        hidden.add(queryId);
      }
      return node;
    },
    async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return hidden.has(queryId) ? { ...result, rows: [] } : result;
    },
  };
}

/** Another instance of the app on the same PostgreSQL database, with its own pool. */
async function anotherInstance(db: Db): Promise<Db> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db.kysely);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return openPostgres(url.toString());
}

describe.each(ENGINES)('createArticle on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let categoryId: string;
  const extraDbs: Db[] = [];

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở' });
    categoryId = (await createCategory(testDb.db.kysely, { siteId, name: 'Tin tức' })).id;
  });
  afterEach(async () => {
    await Promise.all(extraDbs.splice(0).map((db) => db.close()));
    await testDb.destroy();
  });

  const draft = (title: string, extra: { slug?: string } = {}) => ({ siteId, categoryId, title, bodyHtml: '<p>Nội dung</p>', status: 'draft' as const, ...extra });
  const slugsOf = async () => (await testDb.db.kysely.selectFrom('articles').select('slug').execute()).map((r) => r.slug).sort();
  const expectedSlugs = (base: string, count: number) => [base, ...Array.from({ length: count - 1 }, (_, i) => `${base}-${i + 2}`)].sort();

  it.each([
    { title: 'Thông báo tuyển dụng viên chức năm 2026', base: 'thong-bao-tuyen-dung-vien-chuc-nam-2026', count: 20 },
    { title: 'Đắk Lắk', base: 'dak-lak', count: 12 },
    { title: '!!!', base: 'bai-viet', count: 10 },
  ])('gives $count simultaneous creates of "$title" as many articles with distinct slugs', async ({ title, base, count }) => {
    const results = await Promise.allSettled(Array.from({ length: count }, () => createArticle(testDb.db.kysely, draft(title))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await slugsOf()).toEqual(expectedSlugs(base, count));
  });

  it.skipIf(engine !== 'postgres')('gives 16 creates of one title from four app instances at once 16 articles', async () => {
    for (let i = 0; i < 3; i++) extraDbs.push(await anotherInstance(testDb.db));
    const instances = [testDb.db, ...extraDbs];
    const results = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => createArticle(instances[i % instances.length]!.kysely, draft('Lịch tiếp công dân'))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await slugsOf()).toEqual(expectedSlugs('lich-tiep-cong-dan', 16));
  });

  it.each([1, 2, 5])('claims the next free slug when a racer took it between read and insert (%i lost races)', async (lost) => {
    const db = testDb.db.kysely;
    await createArticle(db, draft('Tin nóng'));
    for (let i = 0; i < lost; i++) await createArticle(db, draft('Tin nóng'));
    // The hidden reads make the create try slugs that exist, then read again and move on.
    const created = await createArticle(db.withPlugin(hideTakenSlugs(lost)), draft('Tin nóng'));
    expect(created.slug).toBe(`tin-nong-${lost + 2}`);
    expect(await slugsOf()).toEqual(expectedSlugs('tin-nong', lost + 2));
  });

  it('gives up with a conflict, and writes nothing, when every try loses the race', async () => {
    const db = testDb.db.kysely;
    await createArticle(db, draft('Tin nóng'));
    const error = await createArticle(db.withPlugin(hideTakenSlugs(1000)), draft('Tin nóng')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleSlugBusyError);
    expect((error as AppError).status).toBe(409);
    expect(await slugsOf()).toEqual(['tin-nong']);
  });

  it.each(['tin-rieng', 'dak-lak', 'bai-viet-2'])('keeps a chosen slug (%s) as given, and refuses it with a conflict once taken', async (slug) => {
    const db = testDb.db.kysely;
    expect((await createArticle(db, draft('Bài một', { slug }))).slug).toBe(slug);
    const error = await createArticle(db, { ...draft('Bài hai', { slug }), gallery: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleSlugTakenError);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, field: 'slug' });
    expect(await db.selectFrom('articles').select('title').execute()).toEqual([{ title: 'Bài một' }]);
  });

  it('refuses simultaneous creates with one chosen slug except the first, and never fails otherwise', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => createArticle(testDb.db.kysely, draft(`Bài ${i}`, { slug: 'trung-dia-chi' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ArticleSlugTakenError);
    expect(await slugsOf()).toEqual(['trung-dia-chi']);
  });

  it('works inside the caller’s transaction, which stays usable after a refused slug and rolls back whole', async () => {
    const db = testDb.db.kysely;
    await createArticle(db, draft('Có sẵn', { slug: 'co-san' }));
    await db.transaction().execute(async (trx) => {
      expect((await createArticle(trx, draft('Giống nhau'))).slug).toBe('giong-nhau');
      expect((await createArticle(trx.withPlugin(hideTakenSlugs(1)), draft('Giống nhau'))).slug).toBe('giong-nhau-2');
      await expect(createArticle(trx, draft('Trùng', { slug: 'co-san' }))).rejects.toBeInstanceOf(ArticleSlugTakenError);
      expect((await createArticle(trx, draft('Giống nhau'))).slug).toBe('giong-nhau-3');
    });
    expect(await slugsOf()).toEqual(['co-san', 'giong-nhau', 'giong-nhau-2', 'giong-nhau-3']);

    await expect(
      db.transaction().execute(async (trx) => {
        await createArticle(trx, draft('Sẽ bị huỷ'));
        throw new Error('the caller fails later');
      }),
    ).rejects.toThrow('the caller fails later');
    expect(await slugsOf()).toEqual(['co-san', 'giong-nhau', 'giong-nhau-2', 'giong-nhau-3']);
  });

  it('leaves errors other than a taken slug as they are, with nothing written', async () => {
    const db = testDb.db.kysely;
    await expect(createArticle(db, { ...draft('Ảnh lạ'), gallery: [{ mediaId: 'no-such-media', caption: '' }] })).rejects.not.toBeInstanceOf(AppError);
    await expect(createArticle(db, { ...draft('Ảnh lạ'), categoryId: 'no-such-category' })).rejects.not.toBeInstanceOf(AppError);
    await expect(createArticle(db, draft('   '))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'title' });
    expect(await slugsOf()).toEqual([]);
  });
});
