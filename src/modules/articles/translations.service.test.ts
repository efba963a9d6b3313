import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { findPublishedTranslationOf, getPublishedArticle, listLatestArticles, listPublishedInCategories } from './articles.service.js';
import { createDraft, createTranslation, getArticleForEditing, takeStep } from './newsroom.service.js';

describe.each(ENGINES)('translations on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let categoryId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now });
  const code = (work: Promise<unknown>) => work.then(() => 'OK', (error: { code?: string }) => error.code);

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'sld.example.vn', name: 'Sở', languages: ['vi', 'en'] });
    categoryId = (await createCategory(db, { siteId, name: 'Giới thiệu', nameEn: 'About us' })).id;
    for (const role of ['author', 'editor', 'chief_editor'] as Role[]) {
      const { userId } = await addMember(db, operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterEach(async () => testDb.destroy());

  it('link an English draft to its original, one per article, visible from both', async () => {
    const db = testDb.db.kysely;
    const original = await createDraft(db, as('editor'), { title: 'Chức năng, nhiệm vụ', categoryId, lead: 'Sapo.', bodyHtml: '<p>Nội dung.</p>', tags: ['chức năng'] });
    const first = await createTranslation(db, as('editor'), { articleId: original.id });
    expect(first.isNew).toBe(true);
    expect(await createTranslation(db, as('chief_editor'), { articleId: original.id })).toEqual({ id: first.id, isNew: false });
    const english = await getArticleForEditing(db, as('editor'), first.id);
    expect(english).toMatchObject({ language: 'en', translationOf: original.id, translations: [{ id: original.id, language: 'vi' }], can: { translate: false } });
    // The text comes along to translate over; Vietnamese tags do not.
    expect(english.fields).toMatchObject({ title: 'Chức năng, nhiệm vụ', lead: 'Sapo.', categoryId, tags: [] });
    const vietnamese = await getArticleForEditing(db, as('editor'), original.id);
    expect(vietnamese).toMatchObject({ language: 'vi', translations: [{ id: first.id, language: 'en', status: 'draft' }], can: { translate: false } });
  });

  it('refuse what cannot be translated, and hide others\' articles from authors', async () => {
    const db = testDb.db.kysely;
    const original = await createDraft(db, as('editor'), { title: 'Liên hệ', categoryId });
    expect(await code(createTranslation(db, as('author'), { articleId: original.id }))).toBe('NOT_FOUND');
    const english = await createDraft(db, as('editor'), { title: 'Contacts', categoryId, language: 'en' });
    expect(await code(createTranslation(db, as('editor'), { articleId: english.id }))).toBe('INVALID_INPUT');
    expect(await code(createDraft(db, as('editor'), { title: 'Contacts', categoryId, language: 'fr' }))).toBe('INVALID_INPUT');
    const vietnameseOnly = await createSite(db, { host: 'khac.example.vn', name: 'Sở khác' });
    const otherCategory = (await createCategory(db, { siteId: vietnameseOnly, name: 'Tin' })).id;
    expect(await code(createDraft(db, { ...as('editor'), siteId: vietnameseOnly }, { title: 'Contacts', categoryId: otherCategory, language: 'en' }))).toBe('INVALID_INPUT');
  });

  it('keep each language to its own public lists, and find the published translation', async () => {
    const db = testDb.db.kysely;
    const ready = { categoryId, lead: 'Sapo.', bodyHtml: '<p>Nội dung.</p>' };
    const original = await createDraft(db, as('editor'), { title: 'Cơ cấu tổ chức', ...ready });
    const translation = await createTranslation(db, as('editor'), { articleId: original.id });
    expect(await findPublishedTranslationOf(db, { siteId, language: 'en', article: { id: original.id, translationOf: null }, now })).toBeUndefined();
    for (const id of [original.id, translation.id]) await takeStep(db, as('chief_editor'), 'publish', { articleId: id });
    const titles = async (language?: 'vi' | 'en') => (await listLatestArticles(db, { siteId, language, limit: 10, now })).map((a) => a.language);
    expect(await titles()).toEqual(['vi']);
    expect(await titles('en')).toEqual(['en']);
    expect((await listPublishedInCategories(db, { siteId, language: 'en', categoryIds: [categoryId], page: 1, pageSize: 10, now })).total).toBe(1);
    const found = await findPublishedTranslationOf(db, { siteId, language: 'en', article: { id: original.id, translationOf: null }, now });
    expect(found?.id).toBe(translation.id);
    const back = await findPublishedTranslationOf(db, { siteId, language: 'vi', article: { id: translation.id, translationOf: original.id }, now });
    expect(back?.id).toBe(original.id);
    const englishRow = await db.selectFrom('articles').select('slug').where('id', '=', translation.id).executeTakeFirstOrThrow();
    await expect(getPublishedArticle(db, { siteId, slug: englishRow.slug, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getPublishedArticle(db, { siteId, language: 'en', slug: englishRow.slug, now })).language).toBe('en');
  });
});
