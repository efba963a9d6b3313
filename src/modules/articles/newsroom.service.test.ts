import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { createCategory } from '../categories/index.js';
import { findRedirect } from '../redirects/index.js';
import { createSite } from '../sites/index.js';
import { getPublishedArticle } from './index.js';
import { confirmSecondLook, createDraft, getArticleForEditing, listArticlesForStaff, listRevisions, restoreRevision, saveArticle, takeStep } from './newsroom.service.js';
import { nextState } from './workflow.js';

describe('workflow rules', () => {
  it('allow each step only from its states', () => {
    const at = (status: string, pendingStatus: string | null = null) => ({ status, pendingStatus });
    expect(nextState('submit', at('draft'))).toBe('submitted');
    expect(nextState('submit', at('submitted'))).toBeUndefined();
    expect(nextState('return', at('submitted'))).toBe('returned');
    expect(nextState('return', at('draft'))).toBeUndefined();
    expect(nextState('publish', at('published'))).toBeUndefined();
    expect(nextState('publish', at('published', 'submitted'))).toBe('published');
    expect(nextState('unpublish', at('published', 'draft'))).toBe('unpublished');
    expect(nextState('archive', at('archived'))).toBeUndefined();
  });
});

describe.each(ENGINES)('the newsroom on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let categoryId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role, at = now): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const ready = { lead: 'Tóm tắt bài viết.', bodyHtml: '<p>Nội dung</p>' };

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'sld.example.vn', name: 'Sở' });
    categoryId = (await createCategory(db, { siteId, name: 'Tin hoạt động' })).id;
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db, operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterEach(async () => testDb.destroy());

  it('walk an article from draft to published, with a return on the way, and audit each step', async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('author'), { title: 'Hội nghị tổng kết năm 2026', categoryId });
    await expect(takeStep(db, as('author'), 'publish', { articleId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await takeStep(db, as('author'), 'submit', { articleId: id });
    await expect(saveArticle(db, as('author'), { articleId: id, fields: { title: 'Sửa khi chờ duyệt' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(takeStep(db, as('chief_editor'), 'return', { articleId: id, comment: '  ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await takeStep(db, as('chief_editor'), 'return', { articleId: id, comment: 'Thiếu sapo.' });
    const returned = await listArticlesForStaff(db, as('author'), { view: 'returned', page: 1, pageSize: 10 });
    expect(returned.items.map((i) => [i.id, i.reviewComment])).toEqual([[id, 'Thiếu sapo.']]);
    // Not ready: the chief editor hears what is missing.
    await takeStep(db, as('author'), 'submit', { articleId: id });
    await expect(takeStep(db, as('chief_editor'), 'publish', { articleId: id })).rejects.toThrow('sapo');
    await takeStep(db, as('chief_editor'), 'return', { articleId: id, comment: 'Vẫn thiếu sapo.' });
    await saveArticle(db, as('author'), { articleId: id, fields: ready });
    await takeStep(db, as('author'), 'submit', { articleId: id });
    const waiting = await listArticlesForStaff(db, as('chief_editor'), { view: 'waiting', page: 1, pageSize: 10 });
    expect(waiting.items.map((i) => i.id)).toEqual([id]);
    await takeStep(db, as('chief_editor'), 'publish', { articleId: id });
    await expect(takeStep(db, as('chief_editor'), 'publish', { articleId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    const published = await getPublishedArticle(db, { siteId, slug: 'hoi-nghi-tong-ket-nam-2026', now: new Date(now.getTime() + 1000) });
    expect(published.lead).toBe('Tóm tắt bài viết.');
    const actions = await db.selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('created_at').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['article.created', 'article.submitted', 'article.returned', 'article.published']));
  });

  it('keep the public version of a published article until its edit is approved', async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('editor'), { title: 'Thông báo tuyển dụng', categoryId, ...ready });
    await takeStep(db, as('chief_editor'), 'publish', { articleId: id });
    await saveArticle(db, as('editor'), { articleId: id, fields: { title: 'Thông báo tuyển dụng (sửa đổi)', slug: 'thong-bao-tuyen-dung-sua-doi' } });
    const later = new Date(now.getTime() + 60_000);
    expect((await getPublishedArticle(db, { siteId, slug: 'thong-bao-tuyen-dung', now: later })).title).toBe('Thông báo tuyển dụng');
    const editing = await getArticleForEditing(db, as('editor'), id);
    expect(editing).toMatchObject({ status: 'published', workingState: 'draft', hasWorkingCopy: true });
    expect(editing.fields.title).toBe('Thông báo tuyển dụng (sửa đổi)');
    await takeStep(db, as('editor'), 'submit', { articleId: id });
    await takeStep(db, as('chief_editor'), 'publish', { articleId: id });
    expect((await getPublishedArticle(db, { siteId, slug: 'thong-bao-tuyen-dung-sua-doi', now: later })).title).toBe('Thông báo tuyển dụng (sửa đổi)');
    // The old URL answers with a redirect to the new one.
    expect(await findRedirect(db, { siteId, path: 'tin-hoat-dong/thong-bao-tuyen-dung' })).toBe('tin-hoat-dong/thong-bao-tuyen-dung-sua-doi');
  });

  it("keep an author to their own drafts, and other sites' articles out of reach", async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('editor'), { title: 'Bài của biên tập viên', categoryId });
    await expect(getArticleForEditing(db, as('author'), id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveArticle(db, as('author'), { articleId: id, fields: { title: 'Chiếm' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listArticlesForStaff(db, as('author'), { view: 'all', page: 1, pageSize: 10 })).total).toBe(0);
    const otherSite = await createSite(db, { host: 'khac.example.vn', name: 'Khác' });
    const intruder: RequestScope = { ...as('admin'), siteId: otherSite };
    await expect(getArticleForEditing(db, intruder, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(takeStep(db, intruder, 'publish', { articleId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('ask for a second person, or a written reason, when a chief editor publishes their own article', async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('chief_editor'), { title: 'Bài của trưởng ban', categoryId, ...ready });
    await expect(takeStep(db, as('chief_editor'), 'publish', { articleId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(takeStep(db, as('chief_editor'), 'publish', { articleId: id, forceReason: 'gấp' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await takeStep(db, as('chief_editor'), 'publish', { articleId: id, forceReason: 'Thông báo khẩn của UBND tỉnh' });
    const log = await db.selectFrom('audit_log').select(['action', 'detail']).where('target_id', '=', id).where('action', '=', 'article.force_published').executeTakeFirstOrThrow();
    expect(JSON.parse(log.detail)).toMatchObject({ reason: 'Thông báo khẩn của UBND tỉnh' });
    expect((await listArticlesForStaff(db, as('admin'), { view: 'second_look', page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([id]);
    await expect(confirmSecondLook(db, as('chief_editor'), { articleId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await confirmSecondLook(db, as('admin'), { articleId: id });
    expect((await listArticlesForStaff(db, as('admin'), { view: 'second_look', page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('keep every save as a revision and restore an old one as a new one', async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('author'), { title: 'Bản 1', categoryId });
    await saveArticle(db, as('author'), { articleId: id, fields: { title: 'Bản 2' } });
    await saveArticle(db, as('author'), { articleId: id, fields: { title: 'Bản 3' } });
    const revisions = await listRevisions(db, as('author'), id);
    expect(revisions.map((r) => [r.number, r.title])).toEqual([[3, 'Bản 3'], [2, 'Bản 2'], [1, 'Bản 1']]);
    await restoreRevision(db, as('author'), { articleId: id, revisionId: revisions[2]!.id });
    expect((await getArticleForEditing(db, as('author'), id)).fields.title).toBe('Bản 1');
    expect((await listRevisions(db, as('author'), id)).map((r) => r.number)).toEqual([4, 3, 2, 1]);
  });

  it('schedule a publication: hidden before its time, shown after', async () => {
    const db = testDb.db.kysely;
    const { id } = await createDraft(db, as('editor'), { title: 'Lịch tiếp công dân', categoryId, ...ready });
    const at = new Date(now.getTime() + 3_600_000);
    await takeStep(db, as('chief_editor'), 'publish', { articleId: id, publishAt: at });
    await expect(getPublishedArticle(db, { siteId, slug: 'lich-tiep-cong-dan', now: new Date(at.getTime() - 1000) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getPublishedArticle(db, { siteId, slug: 'lich-tiep-cong-dan', now: at })).title).toBe('Lịch tiếp công dân');
    const jobs = await db.selectFrom('jobs').select(['name', 'run_at']).execute();
    expect(jobs).toEqual([{ name: 'publish-due', run_at: at.toISOString() }]);
  });

  it('refuse media and categories of another site, and junk in fields', async () => {
    const db = testDb.db.kysely;
    const otherSite = await createSite(db, { host: 'khac.example.vn', name: 'Khác' });
    const foreign = await createCategory(db, { siteId: otherSite, name: 'Tin' });
    await expect(createDraft(db, as('author'), { title: 'X', categoryId: foreign.id })).rejects.toMatchObject({ field: 'categoryId' });
    await expect(createDraft(db, as('author'), { title: '', categoryId })).rejects.toMatchObject({ field: 'title' });
    await expect(createDraft(db, as('author'), { title: 'X', categoryId, slug: '../admin' })).rejects.toMatchObject({ field: 'slug' });
    // A picture that is not this site's is dropped from the body; as the cover it is refused.
    const unknownImage = await createDraft(db, as('author'), { title: 'Ảnh lạ', categoryId, bodyHtml: '<p>a</p><figure><img data-media-id="00000000-0000-4000-8000-000000000000" alt="a"><figcaption>b</figcaption></figure>' });
    expect((await getArticleForEditing(db, as('author'), unknownImage.id)).fields.bodyHtml).toBe('<p>a</p>');
    await expect(createDraft(db, as('author'), { title: 'X', categoryId, coverMediaId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ field: 'coverMediaId' });
    await expect(createDraft(db, as('author'), { title: 'X'.repeat(301), categoryId })).rejects.toMatchObject({ field: 'title' });
    const { id } = await createDraft(db, as('author'), { title: 'Tiêu\u0000 đề <script>', categoryId, bodyHtml: '<p onclick="x()">a<script>alert(1)</script></p>' });
    const article = await getArticleForEditing(db, as('author'), id);
    expect(article.fields.title).toBe('Tiêu đề <script>');
    expect(article.fields.bodyHtml).toBe('<p>a</p>');
  });
});
