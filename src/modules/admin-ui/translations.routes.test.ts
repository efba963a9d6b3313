import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';

const SETTINGS = { name: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum', governingBody: 'Ủy ban nhân dân tỉnh Kon Tum', englishName: 'Kon Tum Department of Labour, Invalids and Social Affairs', address: '', phone: '', fax: '', email: '', responsiblePerson: '', licence: '', logoMediaId: '', origin: '' };

describe.each(ENGINES)('English versions in the newsroom on %s', (engine) => {
  let portal: TestPortal;
  let seedId: string;
  const users = new Map<Role, { email: string; userId: string }>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    seedId = (await db.selectFrom('articles').select('id').where('slug', '=', portal.fixture.seedSlug).executeTakeFirstOrThrow()).id;
    for (const role of ['editor', 'chief_editor', 'admin'] as Role[]) users.set(role, await addStaff(db, portal.fixture.siteId, role));
  });
  afterAll(async () => portal?.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };
  const read = (url: string) => portal.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA } });

  it('offers no English version while the site has no English pages', async () => {
    const editor = await clientFor('editor');
    const page = await editor.get(`/admin/bai-viet/${seedId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Viết bản tiếng Anh');
    const refused = await editor.post(`/admin/bai-viet/${seedId}/ban-dich`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Trang chưa bật ngôn ngữ này.');
    expect((await read('/en')).statusCode).toBe(404);
  });

  it('lets the admin turn English on in the site settings, audited', async () => {
    const admin = await clientFor('admin');
    const form = await admin.get('/admin/thong-tin-trang');
    expect(form.body).toContain('Có trang tiếng Anh (/en/)');
    const saved = await admin.post('/admin/thong-tin-trang', { ...SETTINGS, languages: ['vi', 'en'] });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    const row = await portal.testDb.db.kysely.selectFrom('sites').select('languages').where('id', '=', portal.fixture.siteId).executeTakeFirstOrThrow();
    expect(row.languages).toBe('vi,en');
    expect((await admin.get('/admin/thong-tin-trang')).body).toMatch(/<input[^>]*name="languages" value="en"[^>]*checked/);
    expect((await read('/en')).statusCode).toBe(200);
    const audit = await portal.testDb.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'site.settings_updated').execute();
    expect(audit.some((entry) => String(entry.detail).includes('vi,en'))).toBe(true);
  });

  it('gives categories an English name on the category form', async () => {
    const admin = await clientFor('admin');
    const announcements = portal.fixture.categories.announcements;
    expect((await admin.get(`/admin/chuyen-muc/${announcements.id}`)).body).toContain('Tên tiếng Anh');
    const saved = await admin.post(`/admin/chuyen-muc/${announcements.id}`, { name: 'Thông báo', slug: 'thong-bao', nameEn: 'Announcements' });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect((await read('/en/tin-tuc/thong-bao')).body).toContain('<h1 class="section-title" id="tieu-de">Announcements</h1>');
    expect((await read('/tin-tuc/thong-bao')).body).toContain('<h1 class="section-title" id="tieu-de">Thông báo</h1>');
  });

  it('starts an English draft from a Vietnamese article, links both, and publishes it through the workflow', async () => {
    // 1. The editor asks for the English version: a linked draft opens in the editor.
    const editor = await clientFor('editor');
    const original = await editor.get(`/admin/bai-viet/${seedId}`);
    expect(original.body).toContain('Viết bản tiếng Anh');
    expect(original.body).toContain(`action="/admin/bai-viet/${seedId}/ban-dich"`);
    const created = await editor.post(`/admin/bai-viet/${seedId}/ban-dich`);
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    const translationId = /^\/admin\/bai-viet\/([0-9a-f-]{36})\?tb=da-tao-ban-dich$/.exec(location)?.[1];
    expect(translationId, location).toBeDefined();
    const db = portal.testDb.db.kysely;
    const row = await db.selectFrom('articles').selectAll().where('id', '=', translationId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ language: 'en', translation_of: seedId, status: 'draft', category_id: portal.fixture.categories.announcements.id, posted_by: users.get('editor')!.userId });
    const audit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'article.translation_created').where('target_id', '=', translationId!).executeTakeFirst();
    expect(audit).toBeDefined();

    // 2. Each edit page links to the other; asking again opens the same draft.
    const draftPage = await editor.get(location);
    expect(draftPage.body).toContain('Đã tạo bản nháp tiếng Anh');
    expect(draftPage.body).toContain(`href="/admin/bai-viet/${seedId}"`);
    expect(draftPage.body).toMatch(/<option value="en" selected/);
    expect(draftPage.body).toMatch(/<input[^>]*lang="en"[^>]*name="title"|<input[^>]*name="title"[^>]*lang="en"/);
    const originalAgain = await editor.get(`/admin/bai-viet/${seedId}`);
    expect(originalAgain.body).toContain(`href="/admin/bai-viet/${translationId}"`);
    expect(originalAgain.body).not.toContain('Viết bản tiếng Anh');
    const again = await editor.post(`/admin/bai-viet/${seedId}/ban-dich`);
    expect(again.headers.location).toBe(`/admin/bai-viet/${translationId}?tb=da-co-ban-dich`);

    // 3. The editor translates and submits; the chief editor publishes.
    await editor.get(`/admin/bai-viet/${translationId}`);
    const saved = await editor.post(`/admin/bai-viet/${translationId}`, {
      title: 'Conference on the tasks of 2022',
      slug: 'conference-on-the-tasks-of-2022',
      lead: 'The Department reviewed 2021 and set its tasks for 2022.',
      body_html: '<p>In 2021 the sector found jobs for 6,518 people.</p>',
      categoryId: portal.fixture.categories.announcements.id,
      language: 'en',
      _action: 'submit',
    });
    expect(saved.statusCode, saved.body.slice(0, 800)).toBe(303);
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/bai-viet/${translationId}`);
    const published = await chief.post(`/admin/bai-viet/${translationId}/buoc`, { step: 'publish' });
    expect(published.statusCode, published.body.slice(0, 800)).toBe(303);

    // 4. The public pages: English under /en/, the switcher of each lands on the other.
    const english = await read('/en/tin-tuc/thong-bao/conference-on-the-tasks-of-2022');
    expect(english.statusCode).toBe(200);
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain(`<a class="language-switch" href="/tin-tuc/thong-bao/${portal.fixture.seedSlug}"`);
    const vietnamese = await read(`/tin-tuc/thong-bao/${portal.fixture.seedSlug}`);
    expect(vietnamese.body).toContain('<a class="language-switch" href="/en/tin-tuc/thong-bao/conference-on-the-tasks-of-2022"');
    expect((await read('/tin-tuc/thong-bao')).body).not.toContain('Conference on the tasks of 2022');
    expect((await read('/en/tin-tuc/thong-bao')).body).not.toContain(SEED_TITLE);
  });

  it('keeps the language of a published article', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/bai-viet/${seedId}`);
    const refused = await chief.post(`/admin/bai-viet/${seedId}`, { title: SEED_TITLE, lead: 'Sapo.', body_html: '<p>Nội dung.</p>', categoryId: portal.fixture.categories.announcements.id, language: 'en' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Không thể đổi ngôn ngữ của bài đã xuất bản.');
  });

  it('lets staff write an English article from scratch', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get('/admin/bai-viet/moi');
    expect(form.body).toContain('name="language"');
    const created = await editor.post('/admin/bai-viet', { title: 'Public holidays in 2023', categoryId: portal.fixture.categories.announcements.id, language: 'en' });
    expect(created.statusCode).toBe(303);
    const id = /\/admin\/bai-viet\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const row = await portal.testDb.db.kysely.selectFrom('articles').select(['language', 'translation_of']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ language: 'en', translation_of: null });
    const refused = await editor.post('/admin/bai-viet', { title: 'Ngày lễ', categoryId: portal.fixture.categories.announcements.id, language: 'fr' });
    expect(refused.statusCode).toBe(400);
  });
});
