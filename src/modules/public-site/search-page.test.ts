import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_SLUG } from '../../../test/helpers/fixture-site.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createDraft, takeStep } from '../articles/index.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const search = (portal: TestPortal, query: string) => portal.app.inject({ url: `/tim-kiem?${query}` });

/** Queries a reader (or a scanner) may send: each gets results or a clear 400, never a 500. */
const HOSTILE_QUERIES = [
  'a'.repeat(10_000),
  'hội nghị\u0000',
  '\u0000',
  '"',
  '"""',
  '"hội nghị',
  "' OR 1=1 --",
  'x"; drop table articles; --',
  'NEAR(hoi nghi, 2)',
  'hoi OR nghi NOT dak',
  'hoi* ^nghi title:dak -lak',
  '{title body} : hoi',
  '\\\\\\',
  '%_%',
  '<script>alert(1)</script>',
  '()()()',
  '🙂🙂',
  '\u202e\u200b\ufeff',
  'hội '.repeat(60),
];

/** Query strings that are not UTF-8 text at all. */
const RAW_QUERIES = ['q=x%ED%A0%80y', 'q=%FF%FE', 'q=%C0%AF', 'q=%', 'q=%zz', 'q=a%00b'];

describe.each(ENGINES)('the search page on %s', (engine) => {
  let portal: TestPortal;
  let dakLakId = '';

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const db = portal.testDb.db.kysely;
    const { siteId, categories } = portal.fixture;
    const publish = async (title: string, body: string, categoryId: string, publishedAt: Date) => {
      const { id } = await createDraft(db, operatorScope(siteId), { title, categoryId, lead: 'Tóm tắt.', bodyHtml: `<p>${body}</p>`, publishedAt });
      await takeStep(db, operatorScope(siteId), 'publish', { articleId: id });
      return id;
    };
    dakLakId = await publish('Đoàn công tác tỉnh Đắk Lắk thăm Sở', 'Đoàn trao đổi kinh nghiệm giải quyết việc làm.', categories.activities.id, new Date('2025-03-10T02:00:00Z'));
    await publish('Tuyển dụng viên chức năm 2025', 'Sở thông báo tuyển dụng 12 chỉ tiêu viên chức.', categories.announcements.id, new Date('2025-06-01T02:00:00Z'));
  });
  afterAll(async () => portal.close());

  it('puts a search box that needs no script in the header of every page', async () => {
    for (const url of ['/', '/tin-tuc/thong-bao', '/luu-tru']) {
      const body = (await portal.app.inject({ url })).body;
      expect(body, url).toMatch(/<form class="site-search" role="search" action="\/tim-kiem" method="get">/);
      expect(body, url).toContain('name="q"');
    }
  });

  it('shows the form alone without a query, as an indexable page', async () => {
    const page = await search(portal, '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 id="tieu-de-tim-kiem"');
    expect(page.body).not.toContain('noindex');
    expect((await portal.app.inject({ url: '/tim-kiem' })).statusCode).toBe(200);
  });

  it('finds "Hội nghị" from "hoi nghi" and "Đắk Lắk" from "dak lak", with the matches marked', async () => {
    const page = await search(portal, 'q=hoi+nghi');
    expect(page.statusCode).toBe(200);
    expect(main(page.body)).toContain('<mark>Hội</mark> <mark>nghị</mark> triển khai nhiệm vụ');
    expect(main(page.body)).toContain(`href="/tin-tuc/thong-bao/${SEED_SLUG}"`);
    const dakLak = await search(portal, 'q=dak%20lak');
    expect(main(dakLak.body)).toContain('<mark>Đắk</mark> <mark>Lắk</mark>');
    expect(main(dakLak.body)).toContain('href="/tin-tuc/tin-hoat-dong/doan-cong-tac-tinh-dak-lak-tham-so"');
    // Results are made of what the reader typed: never cached, never indexed.
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('<meta name="robots" content="noindex, follow"/>');
    // The header box shows the query back.
    expect(page.body).toMatch(/id="o-tim-kiem"[^>]*value="hoi nghi"/);
  });

  it('never finds drafts or articles scheduled for later', async () => {
    expect(main((await search(portal, 'q=ban+nhap+chua+duyet')).body)).toContain('Không tìm thấy kết quả nào');
    expect(main((await search(portal, 'q=hen+gio+dang')).body)).toContain('Không tìm thấy kết quả nào');
  });

  it('finds a published article at once and loses it the moment it is unpublished', async () => {
    const db = portal.testDb.db.kysely;
    const scope = operatorScope(portal.fixture.siteId);
    const { id } = await createDraft(db, scope, { title: 'Khai giảng lớp nghề mộc mỹ nghệ', categoryId: portal.fixture.categories.activities.id, lead: 'Lớp học nghề.', bodyHtml: '<p>Ba mươi học viên.</p>' });
    expect(main((await search(portal, 'q=moc+my+nghe')).body)).toContain('Không tìm thấy');
    await takeStep(db, scope, 'publish', { articleId: id });
    expect(main((await search(portal, 'q=moc+my+nghe')).body)).toContain('<mark>mộc</mark> <mark>mỹ</mark> <mark>nghệ</mark>');
    await takeStep(db, scope, 'unpublish', { articleId: id });
    expect(main((await search(portal, 'q=moc+my+nghe')).body)).toContain('Không tìm thấy');
  });

  it('filters by category (with its subcategories), type and dates, and offers to drop a filter that hides everything', async () => {
    const inNews = main((await search(portal, 'q=tuyen+dung&category=tin-tuc')).body);
    expect(inNews).toContain('<mark>Tuyển</mark> <mark>dụng</mark> viên chức năm 2025');
    const inIntro = main((await search(portal, 'q=tuyen+dung&category=gioi-thieu&from=2025-01-01')).body);
    expect(inIntro).toContain('Không tìm thấy kết quả nào');
    expect(inIntro).toContain('href="/tim-kiem?q=tuyen+dung&amp;from=2025-01-01">Tìm trong mọi chuyên mục</a>');
    expect(inIntro).toContain('href="/tim-kiem?q=tuyen+dung&amp;category=gioi-thieu">Tìm ở mọi thời gian</a>');
    expect(inIntro).toContain('Bỏ mọi bộ lọc');
    // The day "to" counts whole (Vietnam time): 2025-06-01 09:00 is inside 01/06.
    expect(main((await search(portal, 'q=tuyen+dung&from=2025-06-01&to=2025-06-01')).body)).toContain('viên chức năm 2025');
    expect(main((await search(portal, 'q=tuyen+dung&to=2025-05-31')).body)).not.toContain('viên chức năm 2025');
    expect(main((await search(portal, 'q=dak+lak&type=article')).body)).toContain('Đoàn công tác tỉnh <mark>Đắk</mark>');
  });

  it('answers a filter or page that cannot be used with the form, the reason and a 400', async () => {
    const cases: [string, string][] = [
      ['q=hoi&category=khong-co', 'Chuyên mục được chọn không có trên trang này.'],
      ['q=hoi&type=video', 'Loại nội dung được chọn không có trên trang này.'],
      ['q=hoi&from=2026-02-31', 'Ngày bắt đầu không hợp lệ'],
      ['q=hoi&to=31%2F12%2F2025', 'Ngày kết thúc không hợp lệ'],
      ['q=hoi&from=2025-06-02&to=2025-06-01', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.'],
      ['q=hoi&page=abc', 'Số trang không hợp lệ.'],
      ['q=hoi&page=0', 'Số trang không hợp lệ.'],
      ['q=%22%3F%21', 'Hãy nhập từ khóa cần tìm'],
    ];
    for (const [query, message] of cases) {
      const page = await search(portal, query);
      expect(page.statusCode, query).toBe(400);
      expect(main(page.body), query).toContain(message);
      expect(page.body, query).toContain('id="tu-khoa"');
    }
    // Past the last page: the page says how many there are.
    const far = await search(portal, 'q=hoi+nghi&page=50');
    expect(far.statusCode).toBe(200);
    expect(main(far.body)).toContain('Trang 50 không có kết quả nào');
  });

  it('answers every hostile query with results or a clear 400, never a 500, and never echoes markup', async () => {
    for (const q of HOSTILE_QUERIES) {
      const page = await portal.app.inject({ url: `/tim-kiem?q=${encodeURIComponent(q)}` });
      expect([200, 400], JSON.stringify(q.slice(0, 40))).toContain(page.statusCode);
      expect(page.body).not.toContain('<script>alert(1)</script>');
    }
    const tooLong = await portal.app.inject({ url: `/tim-kiem?q=${'a'.repeat(10_000)}` });
    expect(tooLong.statusCode).toBe(400);
    expect(main(tooLong.body)).toContain('Từ khóa tìm kiếm quá dài');
    const repeated = await portal.app.inject({ url: '/tim-kiem?q=hoi&q=nghi' });
    expect(repeated.statusCode).toBe(400);
    for (const raw of RAW_QUERIES) expect([200, 400], raw).toContain((await search(portal, raw)).statusCode);
    // Control characters typed are shown back as spaces, never written into the page.
    const controls = await portal.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('hội\u0001nghị\u202e\u0007')}` });
    expect(controls.body).not.toMatch(/[\u0001\u0007\u202e]/);
    expect(controls.body).toContain('value="hội nghị  "');
    // A NUL is refused before any route, as everywhere (public-edge.test.ts).
    const nul = await portal.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('hội\u0000nghị')}` });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).not.toContain('\u0000');
    const escaped = await portal.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('<script>alert(1)</script> hội nghị')}` });
    // Text, never markup: the < of every echo is escaped (a > alone cannot open a tag).
    expect(escaped.body).toContain('value="&lt;script>alert(1)&lt;/script> hội nghị"');
  });

  it('limits how many searches one client may run per minute', async () => {
    const limited = await startTestPortal(engine, { rendersPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.app.inject({ url: `/tim-kiem?q=hoi+${i}` })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('moves search results to a renamed category\'s new URLs in the background', async () => {
    const { renameCategory } = await import('../categories/categories.staff.js');
    const scope = operatorScope(portal.fixture.siteId);
    const category = portal.fixture.categories.activities;
    const urlOf = async () => (await portal.app.inject({ url: '/api/v1/search?q=dak+lak' })).json().items[0]?.url;
    await renameCategory(portal.testDb.db.kysely, scope, { categoryId: category.id, name: category.name, slug: 'hoat-dong' });
    await expect.poll(urlOf, { timeout: 15_000, interval: 250 }).toBe('http://localhost:3000/tin-tuc/hoat-dong/doan-cong-tac-tinh-dak-lak-tham-so');
    await renameCategory(portal.testDb.db.kysely, scope, { categoryId: category.id, name: category.name, slug: category.slug });
    await expect.poll(urlOf, { timeout: 15_000, interval: 250 }).toBe('http://localhost:3000/tin-tuc/tin-hoat-dong/doan-cong-tac-tinh-dak-lak-tham-so');
  });

  it('serves search over the public API, published content only, with JSON errors', async () => {
    const api = (query: string) => portal.app.inject({ url: `/api/v1/search?${query}` });
    const found = await api('q=dak+lak');
    expect(found.statusCode).toBe(200);
    const body = found.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ type: 'article', id: dakLakId, title: 'Đoàn công tác tỉnh Đắk Lắk thăm Sở', url: 'http://localhost:3000/tin-tuc/tin-hoat-dong/doan-cong-tac-tinh-dak-lak-tham-so', isExactMatch: false });
    expect(body.items[0].titleHighlights).toEqual([{ start: 19, end: 22 }, { start: 23, end: 26 }]);
    expect(found.headers['access-control-allow-origin']).toBe('*');
    expect(found.headers.etag).toBeTruthy();
    expect((await api('q=ban+nhap+chua+duyet')).json().total).toBe(0);
    expect((await api('q=hen+gio+dang')).json().total).toBe(0);
    const cases: [string, number, string][] = [
      ['', 400, 'INVALID_INPUT'],
      ['q=', 400, 'INVALID_INPUT'],
      [`q=${'a'.repeat(5000)}`, 400, 'INVALID_INPUT'],
      ['q=hoi&type=video', 400, 'INVALID_INPUT'],
      ['q=hoi&category=khong-co', 404, 'NOT_FOUND'],
      ['q=hoi&from=2025-13-01', 400, 'INVALID_INPUT'],
      ['q=hoi&limit=500', 400, 'INVALID_INPUT'],
      ['q=hoi&page=-1', 400, 'INVALID_INPUT'],
    ];
    for (const [query, status, code] of cases) {
      const answer = await api(query);
      expect(answer.statusCode, query).toBe(status);
      expect(answer.json().error.code, query).toBe(code);
    }
    for (const q of HOSTILE_QUERIES) expect([200, 400]).toContain((await api(`q=${encodeURIComponent(q)}`)).statusCode);
    for (const raw of RAW_QUERIES) expect([200, 400], raw).toContain((await api(raw)).statusCode);
  });
});
