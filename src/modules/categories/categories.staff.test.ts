// The category use-cases of categories.staff.ts: the role matrix, the checks, the tree
// operations (rename, move, reorder, delete) and the audit log, on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { createArticle } from '../articles/index.js';
import { addSidebarBlock } from '../navigation/index.js';
import { createSite } from '../sites/index.js';
import { addCategory, deleteCategory, listCategoriesToManage, moveCategoryAsStaff, renameCategory, reorderCategory } from './categories.staff.js';
import { createCategory, loadCategoryTree, type Category } from './categories.service.js';

function scopeOf(siteId: string, role: string | null): RequestScope {
  const actor: Actor | null = role ? { id: `user-${role}`, label: `${role}@so.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' } : null;
  return { siteId, actor, clientIp: '203.0.113.9', now: new Date('2026-03-02T03:00:00Z') };
}

describe.each(ENGINES)('categories for staff on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let admin: RequestScope;
  let c: Record<'intro' | 'office' | 'news' | 'notices' | 'jobs' | 'events', Category>;

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'localhost', name: 'Sở' });
    otherSiteId = await createSite(db, { host: 'phong.kontum.gov.vn', name: 'Phòng' });
    admin = scopeOf(siteId, 'admin');
    const intro = await createCategory(db, { siteId, name: 'Giới thiệu', position: 0 });
    const office = await createCategory(db, { siteId, name: 'Văn phòng Sở', parent: intro });
    const news = await createCategory(db, { siteId, name: 'Tin tức', position: 1 });
    const notices = await createCategory(db, { siteId, name: 'Thông báo', parent: news, position: 0 });
    const jobs = await createCategory(db, { siteId, name: 'Tuyển dụng', parent: notices });
    const events = await createCategory(db, { siteId, name: 'Sự kiện', parent: news, position: 1 });
    c = { intro, office, news, notices, jobs, events };
  });
  afterEach(async () => testDb.destroy());

  const tree = () => loadCategoryTree(testDb.db.kysely, siteId);
  const redirects = async () =>
    (await testDb.db.kysely.selectFrom('redirects').select(['from_path', 'to_path']).where('site_id', '=', siteId).orderBy('from_path').execute()).map((r) => `${r.from_path} → ${r.to_path}`);
  const audit = async () => (await testDb.db.kysely.selectFrom('audit_log').select(['action', 'target_id', 'actor_id', 'ip']).orderBy('created_at').orderBy('action').execute());
  const version = async () => Number((await testDb.db.kysely.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version);

  it.each(['author', 'editor', 'chief_editor'])('refuses every change to a %s, changing nothing', async (role) => {
    const db = testDb.db.kysely;
    const scope = scopeOf(siteId, role);
    const before = (await tree()).all;
    for (const attempt of [
      () => listCategoriesToManage(db, scope),
      () => addCategory(db, scope, { name: 'Mới' }),
      () => renameCategory(db, scope, { categoryId: c.news.id, name: 'Tin' }),
      () => moveCategoryAsStaff(db, scope, { categoryId: c.notices.id, parentId: null }),
      () => reorderCategory(db, scope, { categoryId: c.news.id, direction: 'up' }),
      () => deleteCategory(db, scope, { categoryId: c.office.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(addCategory(db, scopeOf(siteId, null), { name: 'Mới' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await tree()).all).toEqual(before);
    expect(await audit()).toEqual([]);
  });

  it('lists the tree parents first, with depths, siblings in order', async () => {
    const listed = await listCategoriesToManage(testDb.db.kysely, admin);
    expect(listed.map(({ category, depth }) => `${depth}:${category.slug}`)).toEqual(['0:gioi-thieu', '1:van-phong-so', '0:tin-tuc', '1:thong-bao', '2:tuyen-dung', '1:su-kien']);
  });

  it('adds a category last among its siblings, audited, raising the content version', async () => {
    const before = await version();
    const added = await addCategory(testDb.db.kysely, admin, { name: '  Chuyển   đổi số ', parentId: c.news.id });
    expect(added).toMatchObject({ name: 'Chuyển đổi số', path: 'tin-tuc/chuyen-doi-so', position: 2 });
    expect(await version()).toBeGreaterThan(before);
    expect(await audit()).toEqual([{ action: 'category.created', target_id: added.id, actor_id: 'user-admin', ip: '203.0.113.9' }]);
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of 10,000 characters', { name: 'a'.repeat(10_000) }, 'name'],
    ['a name with a control character', { name: 'Tin\u0000tức' }, 'name'],
    ['a name with a bidi override', { name: 'Tin \u202etức' }, 'name'],
    ['a bad slug', { name: 'Tin', slug: 'Tin Tức' }, 'slug'],
    ['a route word at the top level', { name: 'Quản trị', slug: 'admin' }, 'slug'],
    ['a parent of another site', { name: 'Tin', parentId: 'no-such-category' }, 'parentId'],
  ])('refuses %s with the field and a Vietnamese message', async (_, input, field) => {
    const error = await addCategory(testDb.db.kysely, admin, input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
    expect((error as Error).message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
  });

  it('renames without moving the URL when the slug stays', async () => {
    const renamed = await renameCategory(testDb.db.kysely, admin, { categoryId: c.notices.id, name: 'Thông báo mới', slug: '' });
    expect(renamed).toMatchObject({ name: 'Thông báo mới', slug: 'thong-bao', path: 'tin-tuc/thong-bao' });
    expect(await redirects()).toEqual([]);
    expect((await tree()).findById(c.notices.id)?.name).toBe('Thông báo mới');
  });

  it('renames the slug, rewriting every path below and leaving redirects from the old ones', async () => {
    const before = await version();
    const renamed = await renameCategory(testDb.db.kysely, admin, { categoryId: c.news.id, name: 'Tin tức - Sự kiện', slug: 'tin-tuc-su-kien' });
    expect(renamed).toMatchObject({ slug: 'tin-tuc-su-kien', path: 'tin-tuc-su-kien' });
    const t = await tree();
    expect([c.news, c.notices, c.jobs, c.events].map((x) => t.findById(x.id)?.path)).toEqual(['tin-tuc-su-kien', 'tin-tuc-su-kien/thong-bao', 'tin-tuc-su-kien/thong-bao/tuyen-dung', 'tin-tuc-su-kien/su-kien']);
    expect(await redirects()).toEqual([
      'tin-tuc → tin-tuc-su-kien',
      'tin-tuc/su-kien → tin-tuc-su-kien/su-kien',
      'tin-tuc/thong-bao → tin-tuc-su-kien/thong-bao',
      'tin-tuc/thong-bao/tuyen-dung → tin-tuc-su-kien/thong-bao/tuyen-dung',
    ]);
    expect(await version()).toBeGreaterThan(before);
    const [entry] = await testDb.db.kysely.selectFrom('audit_log').select(['action', 'detail']).execute();
    expect(entry!.action).toBe('category.renamed');
    expect(JSON.parse(entry!.detail)).toEqual({ from: { name: 'Tin tức', path: 'tin-tuc' }, to: { name: 'Tin tức - Sự kiện', path: 'tin-tuc-su-kien' } });
  });

  it('refuses a rename onto a sibling’s path or a route word, changing nothing', async () => {
    const db = testDb.db.kysely;
    const before = (await tree()).all;
    await expect(renameCategory(db, admin, { categoryId: c.events.id, name: 'Sự kiện', slug: 'thong-bao' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    await expect(renameCategory(db, admin, { categoryId: c.news.id, name: 'Tin tức', slug: 'gioi-thieu' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    await expect(renameCategory(db, admin, { categoryId: c.news.id, name: 'Tin tức', slug: 'api' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'slug' });
    await expect(renameCategory(db, admin, { categoryId: c.news.id, name: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    // Below another category a route word shadows nothing.
    await renameCategory(db, admin, { categoryId: c.events.id, name: 'Sự kiện', slug: 'api' });
    expect((await tree()).findById(c.events.id)?.path).toBe('tin-tuc/api');
    expect((await tree()).all.filter((x) => x.id !== c.events.id)).toEqual(before.filter((x) => x.id !== c.events.id));
    expect((await redirects()).length).toBe(1);
  });

  it('finds no category of another site to rename, move, reorder or delete', async () => {
    const db = testDb.db.kysely;
    const foreign = await createCategory(db, { siteId: otherSiteId, name: 'Tin tức' });
    for (const attempt of [
      () => renameCategory(db, admin, { categoryId: foreign.id, name: 'Của tôi' }),
      () => moveCategoryAsStaff(db, admin, { categoryId: foreign.id, parentId: null }),
      () => reorderCategory(db, admin, { categoryId: foreign.id, direction: 'up' }),
      () => deleteCategory(db, admin, { categoryId: foreign.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(moveCategoryAsStaff(db, admin, { categoryId: c.notices.id, parentId: foreign.id })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'parentId' });
    expect((await loadCategoryTree(db, otherSiteId)).findById(foreign.id)).toMatchObject({ name: 'Tin tức', path: 'tin-tuc' });
  });

  it('moves a category with its subtree, audited with both paths', async () => {
    const moved = await moveCategoryAsStaff(testDb.db.kysely, admin, { categoryId: c.notices.id, parentId: c.intro.id });
    expect(moved.path).toBe('gioi-thieu/thong-bao');
    expect((await tree()).findById(c.jobs.id)?.path).toBe('gioi-thieu/thong-bao/tuyen-dung');
    expect(await redirects()).toEqual(['tin-tuc/thong-bao → gioi-thieu/thong-bao', 'tin-tuc/thong-bao/tuyen-dung → gioi-thieu/thong-bao/tuyen-dung']);
    const [entry] = await testDb.db.kysely.selectFrom('audit_log').select(['action', 'detail']).execute();
    expect(entry!.action).toBe('category.moved');
    expect(JSON.parse(entry!.detail)).toEqual({ from: 'tin-tuc/thong-bao', to: 'gioi-thieu/thong-bao' });
    await expect(moveCategoryAsStaff(testDb.db.kysely, admin, { categoryId: c.intro.id, parentId: c.jobs.id })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'parentId' });
  });

  it('reorders among siblings only, doing nothing at either end', async () => {
    const db = testDb.db.kysely;
    const order = async (parentId: string | null) => (await tree()).all.filter((x) => x.parentId === parentId).map((x) => x.slug);
    expect(await order(null)).toEqual(['gioi-thieu', 'tin-tuc']);
    await reorderCategory(db, admin, { categoryId: c.news.id, direction: 'up' });
    expect(await order(null)).toEqual(['tin-tuc', 'gioi-thieu']);
    await reorderCategory(db, admin, { categoryId: c.news.id, direction: 'up' });
    expect(await order(null)).toEqual(['tin-tuc', 'gioi-thieu']);
    await reorderCategory(db, admin, { categoryId: c.notices.id, direction: 'down' });
    expect(await order(c.news.id)).toEqual(['su-kien', 'thong-bao']);
    await reorderCategory(db, admin, { categoryId: c.notices.id, direction: 'down' });
    expect(await order(c.news.id)).toEqual(['su-kien', 'thong-bao']);
    // Siblings with equal positions (imports) get numbers on the first move.
    await createCategory(db, { siteId, name: 'A', parent: c.office });
    await createCategory(db, { siteId, name: 'B', parent: c.office });
    const cc = await createCategory(db, { siteId, name: 'C', parent: c.office });
    await reorderCategory(db, admin, { categoryId: cc.id, direction: 'up' });
    expect(await order(c.office.id)).toEqual(['a', 'c', 'b']);
    expect((await tree()).childrenOf(c.office.id).map((x) => x.position)).toEqual([0, 1, 2]);
    expect((await audit()).map((e) => e.action)).toEqual(['category.reordered', 'category.reordered', 'category.reordered']);
  });

  it('deletes only an empty category, saying what is still in it', async () => {
    const db = testDb.db.kysely;
    const withChildren = await deleteCategory(db, admin, { categoryId: c.news.id }).catch((e: unknown) => e);
    expect(withChildren).toMatchObject({ code: 'CONFLICT' });
    expect((withChildren as Error).message).toContain('chuyên mục con');

    await createArticle(db, { siteId, categoryId: c.jobs.id, title: 'Tuyển dụng viên chức', status: 'draft' });
    const withArticles = await deleteCategory(db, admin, { categoryId: c.jobs.id }).catch((e: unknown) => e);
    expect(withArticles).toMatchObject({ code: 'CONFLICT' });
    expect((withArticles as Error).message).toContain('1 bài viết');

    await addSidebarBlock(db, { siteId, kind: 'latest_in_category', title: 'Sự kiện', categoryId: c.events.id, position: 0 });
    const inBlock = await deleteCategory(db, admin, { categoryId: c.events.id }).catch((e: unknown) => e);
    expect(inBlock).toMatchObject({ code: 'CONFLICT' });
    expect((inBlock as Error).message).toContain('khối bên lề');

    const before = await version();
    await deleteCategory(db, admin, { categoryId: c.office.id });
    expect((await tree()).findById(c.office.id)).toBeUndefined();
    expect(await version()).toBeGreaterThan(before);
    expect((await audit()).map((e) => e.action)).toEqual(['category.deleted']);
  });
});
