import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';

const ROLES: Role[] = ['author', 'editor'];
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","Bấm vào đây")';
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the ratings staff screen on %s', (engine) => {
  let portal: TestPortal;
  let seedPath: string;
  const officePath = '/gioi-thieu/van-phong-so/gioi-thieu-van-phong-so';
  const users = new Map<Role, { email: string; userId: string }>();
  let address = 0;

  /** A reader's rating through the public form (each from its own address). */
  const rate = async (path: string, useful: 'yes' | 'no', comment = '') => {
    const origin = portal.app.services.sites.resolve('localhost')!.origin;
    const answer = await portal.app.inject({
      method: 'POST',
      url: '/danh-gia',
      payload: { path, useful, comment },
      headers: { accept: 'application/json', origin, 'x-forwarded-for': `192.0.2.${++address}`, 'user-agent': 'Chrome' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
  };

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    for (const role of ROLES) users.set(role, await addStaff(db, portal.fixture.siteId, role));
    seedPath = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    // The seed article: 7 yes, 1 no = 87,5%; the office page: 1 yes, 2 no = 33,33%.
    for (let n = 0; n < 7; n++) await rate(seedPath, 'yes', n === 0 ? 'Rất hữu ích' : '');
    await rate(seedPath, 'no', FORMULA);
    await rate(officePath, 'yes');
    await rate(officePath, 'no', XSS);
    await rate(officePath, 'no', 'Dòng một\nDòng hai');
  });
  afterAll(async () => portal.close());

  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };

  it('is closed to a role without rating.read', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin/danh-gia')).statusCode).toBe(403);
    expect((await author.get(`/admin/danh-gia/trang?duong-dan=${encodeURIComponent(seedPath)}`)).statusCode).toBe(403);
    expect((await author.post('/admin/danh-gia/xuat')).statusCode).toBe(403);
  });

  it('shows results per page, least useful first, and per category, with Vietnamese numbers', async () => {
    const editor = await clientFor('editor');
    const page = await editor.get('/admin/danh-gia');
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toMatch(/Giới thiệu Văn phòng Sở<\/a><\/th><td>Văn phòng Sở<\/td><td[^>]*>1<\/td><td[^>]*>2<\/td><td[^>]*>33,33%<\/td><td[^>]*>2<\/td>/);
    expect(body).toMatch(/Hội nghị triển khai[^<]*<\/a><\/th><td>Thông báo<\/td><td[^>]*>7<\/td><td[^>]*>1<\/td><td[^>]*>87,5%<\/td><td[^>]*>2<\/td>/);
    expect(body.indexOf('Giới thiệu Văn phòng Sở')).toBeLessThan(body.indexOf('Hội nghị triển khai'));
    expect(body).toContain('<th scope="row">Thông báo</th>');
    // Sorted by the number of ratings, the order turns.
    const byCount = main((await editor.get('/admin/danh-gia?sap-xep=nhieu-luot')).body);
    expect(byCount.indexOf('Giới thiệu Văn phòng Sở')).toBeGreaterThan(byCount.indexOf('Hội nghị triển khai'));
    expect(byCount).toContain('aria-sort="descending"');
    // A sort word nobody knows is the default order, not an error.
    expect((await editor.get('/admin/danh-gia?sap-xep=%3Cscript%3E&trang=abc')).statusCode).toBe(200);
    expect(body).not.toContain('<script>alert');
  });

  it("shows a page's comments as text: HTML and script never run", async () => {
    const editor = await clientFor('editor');
    const page = await editor.get(`/admin/danh-gia/trang?duong-dan=${encodeURIComponent(officePath)}`);
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('Dòng một<br/>Dòng hai');
    for (const path of ['/khong-co', 'https://evil.example/', '', '<script>']) {
      const missing = await editor.get(`/admin/danh-gia/trang?duong-dan=${encodeURIComponent(path)}`);
      expect(missing.statusCode, path).toBe(404);
    }
  });

  it('exports every rating as formula-safe CSV, with the staff CSRF token, and audits it', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/danh-gia');
    expect((await editor.post('/admin/danh-gia/xuat', {}, { csrf: null })).statusCode).toBe(403);
    const file = await editor.post('/admin/danh-gia/xuat');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="danh-gia-trang-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = file.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Ngày,Địa chỉ trang,Tiêu đề trang,Chuyên mục,Hữu ích,Góp ý');
    expect(lines).toHaveLength(12);
    expect(file.body).toContain(`,Không,"'=HYPERLINK(""http://evil.example"",""Bấm vào đây"")"`);
    expect(file.body).not.toMatch(/,=HYPERLINK/);
    expect(file.body).not.toContain('192.0.2.');
    const audit = await portal.testDb.db.kysely.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'rating.export').execute();
    expect(audit).toHaveLength(1);
  });
});
