import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createDraft, takeStep } from '../articles/index.js';

describe.each(ENGINES)('tags, related articles and sharing on %s', (engine) => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const db = portal.testDb.db.kysely;
    const { siteId, categories } = portal.fixture;
    const publish = async (title: string, tags: string[], minutesAgo: number) => {
      const { id } = await createDraft(db, operatorScope(siteId), { title, tags, categoryId: categories.activities.id, lead: 'Tóm tắt.', bodyHtml: '<p>Nội dung.</p>', publishedAt: new Date(Date.now() - minutesAgo * 60_000) });
      await takeStep(db, operatorScope(siteId), 'publish', { articleId: id });
    };
    await publish('Tập huấn chuyển đổi số cho cán bộ', ['Chuyển đổi số', 'Đào tạo'], 30);
    await publish('Ứng dụng chuyển đổi số trong chi trả trợ cấp', ['Chuyển đổi số', 'Đào tạo'], 20);
    await publish('Hội nghị về chuyển đổi số', ['Chuyển đổi số'], 10);
    await publish('Tin không liên quan', ['Người có công'], 5);
  });
  afterAll(async () => portal.close());

  it('lists the published articles of a tag, newest first, at /tu-khoa/<slug>', async () => {
    const page = await portal.app.inject({ url: '/tu-khoa/chuyen-doi-so' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Từ khoá: Chuyển đổi số');
    const order = ['Hội nghị về chuyển đổi số', 'Ứng dụng chuyển đổi số trong chi trả trợ cấp', 'Tập huấn chuyển đổi số cho cán bộ'].map((t) => page.body.indexOf(t));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body).not.toContain('Tin không liên quan');
    expect((await portal.app.inject({ url: '/tu-khoa/khong-co' })).statusCode).toBe(404);
    expect((await portal.app.inject({ url: '/tu-khoa/chuyen-doi-so?page=2' })).statusCode).toBe(404);
    expect((await portal.app.inject({ url: '/tu-khoa/Chuyen-Doi-So' })).headers.location).toBe('/tu-khoa/chuyen-doi-so');
    for (const url of ['/tu-khoa/%3Cscript%3E', '/tu-khoa/a%2F..%2Fadmin', '/tu-khoa/' + 'a'.repeat(400)]) expect([400, 404], url).toContain((await portal.app.inject({ url })).statusCode);
  });

  it('shows an article with its tags, the articles sharing most tags, and share links without third-party script', async () => {
    const page = (await portal.app.inject({ url: '/tin-tuc/tin-hoat-dong/tap-huan-chuyen-doi-so-cho-can-bo' })).body;
    expect(page).toContain('<a href="/tu-khoa/chuyen-doi-so">Chuyển đổi số</a>');
    const related = page.slice(page.indexOf('Bài liên quan'), page.indexOf('</section>', page.indexOf('Bài liên quan')));
    expect(related.indexOf('Ứng dụng chuyển đổi số')).toBeLessThan(related.indexOf('Hội nghị về chuyển đổi số'));
    expect(related).not.toContain('Tin không liên quan');
    expect(page).toContain('href="https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Flocalhost%3A3000%2Ftin-tuc%2Ftin-hoat-dong%2Ftap-huan-chuyen-doi-so-cho-can-bo"');
    expect(page).not.toMatch(/<script[^>]+src="https?:/);
  });
});

describe.each(ENGINES)('monthly archives on %s', (engine) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(engine);
  });
  afterAll(async () => portal.close());

  it('lists the months with articles (Vietnam time) and each month\'s articles', async () => {
    const index = await portal.app.inject({ url: '/luu-tru' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<a href="/luu-tru/2022/01">Tháng 01/2022</a>');
    const january = await portal.app.inject({ url: '/luu-tru/2022/01' });
    expect(january.statusCode).toBe(200);
    expect(january.body).toContain('Tin bài tháng 01/2022');
    expect(january.body).toContain('Hội nghị triển khai nhiệm vụ');
    const main = january.body.slice(january.body.indexOf('<main'), january.body.indexOf('</main>'));
    expect(main).not.toContain('Thông báo số 24 về tuyển dụng lao động'); // June 2021
    for (const url of ['/luu-tru/2022/1', '/luu-tru/22/01', '/luu-tru/2022/13', '/luu-tru/1800/01', '/luu-tru/2031/01', '/luu-tru/2022/01?page=9']) expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
  });

  it('puts an article published at 23:30 on 31/05 Vietnam time in May, not June', async () => {
    const { createArticle } = await import('../articles/index.js');
    await createArticle(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, categoryId: portal.fixture.categories.activities.id, title: 'Tin cuối tháng năm', status: 'published', publishedAt: new Date('2023-05-31T16:30:00Z') });
    expect((await portal.app.inject({ url: '/luu-tru/2023/05' })).body).toContain('Tin cuối tháng năm');
    expect((await portal.app.inject({ url: '/luu-tru/2023/06' })).statusCode).toBe(404);
  });
});
