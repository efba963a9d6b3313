import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { InvalidInputError } from '../../platform/errors.js';
import { createSite } from '../sites/index.js';
import { RESERVED_PATH_SEGMENTS } from '../../platform/http/reserved-paths.js';
import { CategoryNotFoundError, CategoryPathTakenError, CategorySlugReservedError } from './categories.errors.js';
import { CategoryTree, createCategory, loadCategoryTree, moveCategory, type Category } from './categories.service.js';

const category = (id: string, parentId: string | null): Category => ({ id, parentId, slug: id, path: id, name: id, nameEn: '', description: '', position: 0, isOnHome: false });
const ids = (list: Category[]) => list.map((c) => c.id);

describe('CategoryTree', () => {
  it('lists a category with its descendants, parents first, and its ancestry root first', () => {
    const tree = new CategoryTree([category('news', null), category('notices', 'news'), category('jobs', 'notices'), category('events', 'news'), category('about', null)]);
    expect(ids(tree.withDescendants('news'))).toEqual(['news', 'notices', 'jobs', 'events']);
    expect(ids(tree.withDescendants('jobs'))).toEqual(['jobs']);
    expect(ids(tree.withDescendants('missing'))).toEqual([]);
    expect(ids(tree.ancestry('jobs'))).toEqual(['news', 'notices', 'jobs']);
    expect(ids(tree.ancestry('missing'))).toEqual([]);
  });

  // Rows edited by hand can form cycles; reading them must still end, each category once.
  it.each([
    { name: 'a → a', rows: [category('a', 'a')] },
    { name: 'a → b → a', rows: [category('a', 'b'), category('b', 'a')] },
    { name: 'a → b → c → a, with d below b', rows: [category('a', 'c'), category('b', 'a'), category('c', 'b'), category('d', 'b')] },
    { name: 'a → a beside a sound tree', rows: [category('root', null), category('kid', 'root'), category('a', 'a'), category('b', 'a')] },
  ])('terminates on a cycle ($name)', ({ rows }) => {
    const tree = new CategoryTree(rows);
    for (const row of rows) {
      const below = ids(tree.withDescendants(row.id));
      const above = ids(tree.ancestry(row.id));
      expect(below[0]).toBe(row.id);
      expect(new Set(below).size).toBe(below.length);
      expect(above.at(-1)).toBe(row.id);
      expect(new Set(above).size).toBe(above.length);
      expect(below.length).toBeLessThanOrEqual(rows.length);
      expect(above.length).toBeLessThanOrEqual(rows.length);
    }
  });
});

/** Hides some categories from the move's read, as if another editor created them just after it. */
function hideCategories(hiddenIds: string[]): KyselyPlugin {
  const hidden = new WeakSet<object>();
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (node.kind === 'SelectQueryNode') hidden.add(queryId);
      return node;
    },
    async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return hidden.has(queryId) ? { ...result, rows: result.rows.filter((row) => !hiddenIds.includes(row.id as string)) } : result;
    },
  };
}

describe.each(ENGINES)('categories on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let c: Record<'intro' | 'office' | 'news' | 'notices' | 'jobs' | 'events', Category>;

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'localhost', name: 'Sở' });
    otherSiteId = await createSite(db, { host: 'phong.kontum.gov.vn', name: 'Phòng' });
    const intro = await createCategory(db, { siteId, name: 'Giới thiệu' });
    const office = await createCategory(db, { siteId, name: 'Văn phòng Sở', parent: intro });
    const news = await createCategory(db, { siteId, name: 'Tin tức' });
    const notices = await createCategory(db, { siteId, name: 'Thông báo', parent: news });
    const jobs = await createCategory(db, { siteId, name: 'Tuyển dụng', parent: notices });
    const events = await createCategory(db, { siteId, name: 'Sự kiện', parent: news });
    c = { intro, office, news, notices, jobs, events };
  });
  afterEach(async () => testDb.destroy());

  const rows = async () => (await testDb.db.kysely.selectFrom('categories').select(['id', 'parent_id', 'path']).where('site_id', '=', siteId).orderBy('id').execute());
  const pathsById = async () => Object.fromEntries((await rows()).map((r) => [r.id, r.path]));

  it.each([...RESERVED_PATH_SEGMENTS])('keeps the route word "%s" from top-level categories, created or moved there', async (word) => {
    const db = testDb.db.kysely;
    await expect(createCategory(db, { siteId, name: 'Trang', slug: word })).rejects.toBeInstanceOf(CategorySlugReservedError);
    // Below another category the word shadows nothing.
    const below = await createCategory(db, { siteId, name: 'Trang', slug: word, parent: c.news });
    expect(below.path).toBe(`tin-tuc/${word}`);
    await expect(moveCategory(db, { siteId, categoryId: below.id, newParentId: null })).rejects.toBeInstanceOf(CategorySlugReservedError);
    expect((await pathsById())[below.id]).toBe(`tin-tuc/${word}`);
  });

  it('refuses a name whose slug is a route word, with the field and a Vietnamese message', async () => {
    const error = await createCategory(testDb.db.kysely, { siteId, name: 'Văn bản' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CategorySlugReservedError);
    expect((error as CategorySlugReservedError).field).toBe('slug');
    expect((error as CategorySlugReservedError).message).toContain('"van-ban" là địa chỉ dành riêng');
  });

  it('moves a category with its whole subtree, rewriting every path', async () => {
    const moved = await moveCategory(testDb.db.kysely, { siteId, categoryId: c.notices.id, newParentId: c.intro.id });
    expect(moved).toMatchObject({ id: c.notices.id, parentId: c.intro.id, path: 'gioi-thieu/thong-bao' });
    const paths = await pathsById();
    expect(paths[c.notices.id]).toBe('gioi-thieu/thong-bao');
    expect(paths[c.jobs.id]).toBe('gioi-thieu/thong-bao/tuyen-dung');
    expect(paths[c.events.id]).toBe('tin-tuc/su-kien');
    const tree = await loadCategoryTree(testDb.db.kysely, siteId);
    expect(tree.findByPath('gioi-thieu/thong-bao/tuyen-dung')?.id).toBe(c.jobs.id);
    expect(tree.ancestry(c.jobs.id).map((x) => x.slug)).toEqual(['gioi-thieu', 'thong-bao', 'tuyen-dung']);
  });

  const redirects = async () =>
    (await testDb.db.kysely.selectFrom('redirects').select(['from_path', 'to_path']).where('site_id', '=', siteId).orderBy('from_path').execute()).map((r) => `${r.from_path} → ${r.to_path}`);

  it('records a redirect from the old path of the moved category and of every category below it', async () => {
    await moveCategory(testDb.db.kysely, { siteId, categoryId: c.notices.id, newParentId: c.intro.id });
    expect(await redirects()).toEqual(['tin-tuc/thong-bao → gioi-thieu/thong-bao', 'tin-tuc/thong-bao/tuyen-dung → gioi-thieu/thong-bao/tuyen-dung']);
    // moved on, the oldest paths lead straight to the newest; moved back, nothing loops
    await moveCategory(testDb.db.kysely, { siteId, categoryId: c.notices.id, newParentId: null });
    await moveCategory(testDb.db.kysely, { siteId, categoryId: c.notices.id, newParentId: c.news.id });
    expect(await redirects()).toEqual(['gioi-thieu/thong-bao → tin-tuc/thong-bao', 'gioi-thieu/thong-bao/tuyen-dung → tin-tuc/thong-bao/tuyen-dung', 'thong-bao → tin-tuc/thong-bao', 'thong-bao/tuyen-dung → tin-tuc/thong-bao/tuyen-dung']);
  });

  it('records no redirect for a move to where it already is, or a refused move', async () => {
    const db = testDb.db.kysely;
    await moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: c.news.id });
    await createCategory(db, { siteId, name: 'Thông báo' });
    await expect(moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: null })).rejects.toBeInstanceOf(CategoryPathTakenError);
    await expect(moveCategory(db, { siteId, categoryId: c.news.id, newParentId: c.jobs.id })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await redirects()).toEqual([]);
  });

  it('moves to the top level and back, and to where it already is', async () => {
    const db = testDb.db.kysely;
    await moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: null });
    expect(await pathsById()).toMatchObject({ [c.notices.id]: 'thong-bao', [c.jobs.id]: 'thong-bao/tuyen-dung' });
    await moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: c.news.id });
    await moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: c.news.id });
    expect(await pathsById()).toMatchObject({ [c.notices.id]: 'tin-tuc/thong-bao', [c.jobs.id]: 'tin-tuc/thong-bao/tuyen-dung' });
    await moveCategory(db, { siteId, categoryId: c.jobs.id, newParentId: c.office.id });
    expect(await pathsById()).toMatchObject({ [c.jobs.id]: 'gioi-thieu/van-phong-so/tuyen-dung' });
  });

  it.each([
    ['itself', 'news', 'news'],
    ['its child', 'news', 'notices'],
    ['its grandchild', 'news', 'jobs'],
    ['its own child, one level down', 'notices', 'jobs'],
    ['itself, a leaf', 'jobs', 'jobs'],
  ] as const)('refuses to move a category under %s, changing nothing', async (_, moving, under) => {
    const before = await rows();
    const error = await moveCategory(testDb.db.kysely, { siteId, categoryId: c[moving].id, newParentId: c[under].id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'parentId' });
    expect(await rows()).toEqual(before);
  });

  it('refuses a parent of another site or none at all, and a category not of this site', async () => {
    const db = testDb.db.kysely;
    const foreign = await createCategory(db, { siteId: otherSiteId, name: 'Tin tức' });
    const before = await rows();
    for (const newParentId of [foreign.id, 'no-such-category']) {
      await expect(moveCategory(db, { siteId, categoryId: c.notices.id, newParentId })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'parentId' });
    }
    await expect(moveCategory(db, { siteId, categoryId: foreign.id, newParentId: null })).rejects.toBeInstanceOf(CategoryNotFoundError);
    await expect(moveCategory(db, { siteId: otherSiteId, categoryId: c.notices.id, newParentId: foreign.id })).rejects.toBeInstanceOf(CategoryNotFoundError);
    expect(await rows()).toEqual(before);
  });

  it.each([
    ['a root of the same slug', null, 'thong-bao'],
    ['a sibling of the same slug', 'intro', 'gioi-thieu/thong-bao'],
  ] as const)('refuses a move onto the path of %s, changing nothing', async (_, under, existingPath) => {
    const db = testDb.db.kysely;
    await createCategory(db, { siteId, name: 'Thông báo', parent: under ? c[under] : undefined });
    const before = await rows();
    const error = await moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: under ? c[under].id : null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CategoryPathTakenError);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect((error as Error).message).toContain(existingPath);
    expect(await rows()).toEqual(before);
  });

  it.each(['the moved category', 'a category below it'])('maps a path taken after the check (a racing create) at %s to the same conflict, changing nothing', async (where) => {
    const db = testDb.db.kysely;
    const clashPath = where === 'the moved category' ? 'gioi-thieu/van-phong-so/thong-bao' : 'gioi-thieu/van-phong-so/thong-bao/tuyen-dung';
    const now = new Date().toISOString();
    await db.insertInto('categories').values({ id: 'racer', site_id: siteId, parent_id: c.office.id, slug: 'x', path: clashPath, name: 'x', description: '', position: 0, is_on_home: 0, created_at: now }).execute();
    const before = await rows();
    const error = await moveCategory(db.withPlugin(hideCategories(['racer'])), { siteId, categoryId: c.notices.id, newParentId: c.office.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CategoryPathTakenError);
    expect((error as Error).message).toContain(clashPath);
    expect(await rows()).toEqual(before);
    expect(await redirects()).toEqual([]);
    // Seen, the same clash is refused before anything is written.
    await expect(moveCategory(db, { siteId, categoryId: c.notices.id, newParentId: c.office.id })).rejects.toBeInstanceOf(CategoryPathTakenError);
  });

  it('leaves the caller’s transaction usable after a refused move', async () => {
    const db = testDb.db.kysely;
    await createCategory(db, { siteId, name: 'Thông báo' });
    await db.transaction().execute(async (trx) => {
      await expect(moveCategory(trx, { siteId, categoryId: c.notices.id, newParentId: null })).rejects.toBeInstanceOf(CategoryPathTakenError);
      await moveCategory(trx, { siteId, categoryId: c.events.id, newParentId: null });
    });
    expect((await pathsById())[c.events.id]).toBe('su-kien');
  });

  it('never lets two simultaneous moves make a cycle', async () => {
    const db = testDb.db.kysely;
    const pairs = [['news', 'intro'], ['notices', 'office'], ['events', 'jobs']] as const;
    for (const [a, b] of pairs) {
      const results = await Promise.allSettled([
        moveCategory(db, { siteId, categoryId: c[a].id, newParentId: c[b].id }),
        moveCategory(db, { siteId, categoryId: c[b].id, newParentId: c[a].id }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(InvalidInputError);
      const tree = await loadCategoryTree(db, siteId);
      for (const x of tree.all) expect(tree.ancestry(x.id)[0]!.parentId, x.path).toBeNull();
    }
  });

  describe('with a cycle made by hand in the rows', () => {
    async function handMade(links: [string, string | null][]) {
      const db = testDb.db.kysely;
      const now = new Date().toISOString();
      for (const [id] of links) await db.insertInto('categories').values({ id, site_id: siteId, parent_id: null, slug: id, path: `loop/${id}`, name: id, description: '', position: 0, is_on_home: 0, created_at: now }).execute();
      for (const [id, parent] of links) await db.updateTable('categories').set({ parent_id: parent }).where('id', '=', id).execute();
      return loadCategoryTree(db, siteId);
    }

    it.each([
      { name: 'a → a', links: [['a', 'a']] as [string, string | null][] },
      { name: 'a → b → a', links: [['a', 'b'], ['b', 'a']] as [string, string | null][] },
      { name: 'a → b → c → a', links: [['a', 'c'], ['b', 'a'], ['c', 'b']] as [string, string | null][] },
    ])('reads the tree without looping, and a move out of the cycle repairs it ($name)', async ({ links }) => {
      const tree = await handMade(links);
      for (const [id] of links) {
        expect(tree.withDescendants(id).length).toBe(links.length);
        expect(tree.ancestry(id).length).toBe(links.length);
      }
      await expect(moveCategory(testDb.db.kysely, { siteId, categoryId: 'a', newParentId: links.length > 1 ? links[1]![0] : 'a' })).rejects.toMatchObject({ field: 'parentId' });
      await moveCategory(testDb.db.kysely, { siteId, categoryId: 'a', newParentId: null });
      const repaired = await loadCategoryTree(testDb.db.kysely, siteId);
      expect(repaired.findById('a')).toMatchObject({ parentId: null, path: 'a' });
      for (const [id] of links.slice(1)) expect(repaired.ancestry(id)[0]!.id).toBe('a');
      if (links.length === 3) expect(repaired.findById('c')?.path).toBe('a/b/c');
    });
  });
});
