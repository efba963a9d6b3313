import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { seedDemoProjects } from './projects.demo.js';
import { createProject, publishProject, saveProject, unpublishProject } from './projects.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the projects and procurement pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let unpublishedId: string;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoProjects(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    await createProject(db(), scope, { kind: 'project', name: 'Bản nháp dự án chưa công bố', owner: 'Sở', budget: '1 tỷ' });
    const gone = await createProject(db(), scope, { kind: 'purchase', name: 'Mua sắm đã gỡ xuống', owner: 'Sở', budget: '2 tỷ', isPublishing: true });
    await unpublishProject(db(), scope, { projectId: gone.id });
    unpublishedId = gone.id;
    // A tender whose closing time has just passed while staff left it "đang mời thầu".
    await createProject(db(), scope, { kind: 'tender', name: 'Gói thầu vừa hết hạn nộp hồ sơ', slug: 'goi-thau-vua-het-han', owner: 'Sở', closesAt: new Date(Date.now() - 3_600_000).toISOString(), status: 'open', isPublishing: true });
  });
  afterAll(async () => portal.close());

  it('lists published items newest first as a cached page, never drafts or unpublished ones', async () => {
    const page = await portal.app.inject({ url: '/du-an-dau-thau' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const body = main(page.body);
    expect(body).toContain('<a href="/du-an-dau-thau/cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh">Cải tạo, nâng cấp Trung tâm Bảo trợ xã hội tỉnh Kon Tum</a>');
    expect(body).toContain('Chủ đầu tư: Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum · Tổng mức đầu tư: 14.800.000.000 đồng · Thời gian: 15/04/2025 – 30/06/2027');
    expect(body).toMatch(/Bên mời thầu: Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum · Giá gói thầu: 11.900.000.000 đồng · Đóng thầu: 09:00 ngày 03\/03\/2025 · Trúng thầu: Công ty TNHH Xây dựng Ngọc Linh/);
    expect(body).toContain('9 mục.');
    expect(body).toContain('<ul class="search-hits project-list" aria-label="Danh sách dự án, gói thầu và mua sắm công, mới nhất trước">');
    expect(body).toContain('<h2 class="search-hit__title"><a href="/du-an-dau-thau/cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh">');
    expect(body).not.toContain('Bản nháp dự án chưa công bố');
    expect(body).not.toContain('Mua sắm đã gỡ xuống');
    // The open tender (issued 5 days ago) comes before the projects of 2025.
    expect(body.indexOf('Gói thầu số 05')).toBeLessThan(body.indexOf('Cải tạo, nâng cấp'));
    expect((await portal.app.inject({ url: '/du-an-dau-thau?page=1' })).headers.location).toBe('/du-an-dau-thau');
    expect((await portal.app.inject({ url: '/du-an-dau-thau?page=9' })).statusCode).toBe(404);
  });

  it('filters by kind, status, year and words, and answers a filter it cannot use with a 400 and the form', async () => {
    const tenders = await portal.app.inject({ url: '/du-an-dau-thau?kind=tender' });
    expect(tenders.statusCode).toBe(200);
    expect(tenders.headers['cache-control']).toBe('private, no-store');
    expect(main(tenders.body)).toContain('Gói thầu số 05');
    expect(main(tenders.body)).not.toContain('Cải tạo, nâng cấp');
    expect(main(tenders.body)).toContain('3 mục.');
    const open = main((await portal.app.inject({ url: '/du-an-dau-thau?status=open' })).body);
    expect(open).toContain('Gói thầu số 05');
    expect(open).not.toContain('Gói thầu vừa hết hạn');
    const closed = main((await portal.app.inject({ url: '/du-an-dau-thau?status=closed' })).body);
    expect(closed).toContain('Gói thầu vừa hết hạn');
    expect(closed).toContain('Đã đóng thầu');
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau?year=2023' })).body)).toContain('Nâng cấp Nghĩa trang liệt sĩ tỉnh Kon Tum');
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau?year=2023' })).body)).toContain('1 mục.');
    const words = main((await portal.app.inject({ url: '/du-an-dau-thau?q=ngoc+linh' })).body);
    expect(words).toContain('Gói thầu số 02');
    expect(words).toContain('1 mục.');
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau?q=ban+nhap' })).body)).toContain('Không có mục nào khớp');
    for (const [query, message] of [
      ['kind=thang', 'Loại được chọn không có.'],
      ['status=xong', 'Tình trạng được chọn không có.'],
      ['year=20x4', 'Năm không hợp lệ'],
      ['year=1200', 'Năm không hợp lệ'],
      ['page=0', 'Số trang không hợp lệ.'],
      [`q=${'a'.repeat(300)}`, 'Từ khóa tìm kiếm quá dài'],
    ] as const) {
      const page = await portal.app.inject({ url: `/du-an-dau-thau?${query}` });
      expect(page.statusCode, query).toBe(400);
      expect(main(page.body), query).toContain(message);
      expect(page.body, query).toContain('id="tu-khoa-du-an"');
    }
    for (const raw of ['q=%00', 'q=%FF', 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'kind=%E2%80%AE', 'q=a&q=b', 'status=%3Cb%3E', `kind=${'x'.repeat(50)}`]) {
      const page = await portal.app.inject({ url: `/du-an-dau-thau?${raw}` });
      expect([200, 400], raw).toContain(page.statusCode);
      expect(page.body, raw).not.toContain('<script>alert');
      expect(page.body, raw).not.toContain('<b>');
    }
  });

  it('shows an item with its facts, money the Vietnamese way and its PDF to view and download', async () => {
    const page = await portal.app.inject({ url: '/du-an-dau-thau/goi-thau-so-02-thi-cong-khoi-nha-o-doi-tuong' });
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('<h1 id="tieu-de-du-an" class="document__title">Gói thầu số 02: Thi công xây dựng khối nhà ở đối tượng, Trung tâm Bảo trợ xã hội tỉnh</h1>');
    expect(body).toContain('<dt>Giá gói thầu</dt><dd>11.900.000.000 đồng (11,9 tỷ đồng)</dd>');
    expect(body).toContain('<dt>Nhà thầu trúng thầu</dt><dd>Công ty TNHH Xây dựng Ngọc Linh</dd>');
    expect(body).toContain('<dt>Giá trúng thầu</dt><dd>11.426.500.000 đồng (11,427 tỷ đồng)</dd>');
    expect(body).toContain('<dt>Thời điểm đóng thầu</dt><dd>09:00 ngày 03/03/2025</dd>');
    expect(body).toContain('<dt>Ngày phát hành hồ sơ mời thầu</dt><dd>10/02/2025</dd>');
    expect(body).toContain('document-status--expired">Đã có kết quả</span>');
    expect(body).toMatch(/<a href="\/media\/[^"]+\.pdf" aria-label="Xem Ket qua lua chon nha thau goi thau so 02.pdf">Xem<\/a>/);
    expect(body).toMatch(/<a href="\/media\/[^"]+\.pdf" download="Ket qua lua chon nha thau goi thau so 02.pdf"/);
    const open = main((await portal.app.inject({ url: '/du-an-dau-thau/goi-thau-so-05-thiet-bi-dao-tao-nghe-dien-dan-dung-va-han' })).body);
    expect(open).toContain('Gói thầu đang mời thầu: thời điểm đóng thầu là 09:00 ngày');
    expect(open).toContain('document-status--in_force">Đang mời thầu</span>');
    const passed = main((await portal.app.inject({ url: '/du-an-dau-thau/goi-thau-vua-het-han' })).body);
    expect(passed).toContain('document-status--expired">Đã đóng thầu</span>');
    expect(passed).not.toContain('đang mời thầu');
    const draftSlug = (await db().selectFrom('projects').select('slug').where('name', '=', 'Bản nháp dự án chưa công bố').executeTakeFirstOrThrow()).slug;
    const goneSlug = (await db().selectFrom('projects').select('slug').where('id', '=', unpublishedId).executeTakeFirstOrThrow()).slug;
    for (const url of [`/du-an-dau-thau/${draftSlug}`, `/du-an-dau-thau/${goneSlug}`, '/du-an-dau-thau/khong-co', '/du-an-dau-thau/Goi-Thau', '/du-an-dau-thau/a..b', `/du-an-dau-thau/${'a'.repeat(300)}`]) {
      expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('drops a cached page when the item changes or is unpublished, and moves a renamed address with 301', async () => {
    const scope = operatorScope(siteId);
    const { id } = await createProject(db(), scope, { kind: 'project', name: 'Sửa chữa Trung tâm Điều dưỡng người có công', owner: 'Sở', budget: '2.300.000.000', status: 'preparing', isPublishing: true });
    const first = await portal.app.inject({ url: '/du-an-dau-thau/sua-chua-trung-tam-dieu-duong-nguoi-co-cong' });
    expect(main(first.body)).toContain('Chuẩn bị đầu tư');
    await saveProject(db(), scope, { projectId: id, fields: { status: 'in_progress', slug: 'sua-chua-trung-tam-dieu-duong' } });
    expect((await portal.app.inject({ url: '/du-an-dau-thau/sua-chua-trung-tam-dieu-duong-nguoi-co-cong' })).headers.location).toBe('/du-an-dau-thau/sua-chua-trung-tam-dieu-duong');
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau/sua-chua-trung-tam-dieu-duong' })).body)).toContain('Đang thực hiện');
    await unpublishProject(db(), scope, { projectId: id });
    expect((await portal.app.inject({ url: '/du-an-dau-thau/sua-chua-trung-tam-dieu-duong' })).statusCode).toBe(404);
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau' })).body)).not.toContain('Sửa chữa Trung tâm Điều dưỡng');
    await publishProject(db(), scope, { projectId: id });
    expect((await portal.app.inject({ url: '/du-an-dau-thau/sua-chua-trung-tam-dieu-duong' })).statusCode).toBe(200);
  });

  it('schedules a content version bump at an open tender\'s closing time, so no cached page shows it open after', async () => {
    const jobs = await db().selectFrom('jobs').select(['key', 'run_at', 'name']).where('key', 'like', 'project-closing:%').execute();
    const open = await db().selectFrom('projects').select(['id', 'closes_at']).where('slug', '=', 'goi-thau-so-05-thiet-bi-dao-tao-nghe-dien-dan-dung-va-han').executeTakeFirstOrThrow();
    expect(jobs).toEqual([{ key: `project-closing:${open.id}`, run_at: open.closes_at, name: 'publish-due' }]);
  });

  it('escapes what staff typed and strips what the sanitiser does not allow, and never shows another site\'s items', async () => {
    const scope = operatorScope(siteId);
    await createProject(db(), scope, {
      kind: 'purchase',
      name: '<b>Mua sắm</b> "bàn ghế" <script>alert(1)</script>',
      slug: 'mua-sam-ban-ghe-thu',
      owner: 'Sở <i>Lao động</i>',
      descriptionHtml: '<p onclick="steal()">Mô tả <a href="javascript:alert(3)">liên kết</a></p><img src="http://evil.example/x.png" onerror="alert(2)"><script>alert(4)</script><iframe src="http://evil.example"></iframe>',
      isPublishing: true,
    });
    const page = main((await portal.app.inject({ url: '/du-an-dau-thau/mua-sam-ban-ghe-thu' })).body);
    expect(page).toContain('&lt;b>Mua sắm&lt;/b> &quot;bàn ghế&quot; &lt;script>alert(1)&lt;/script>');
    expect(page).toContain('Sở &lt;i>Lao động&lt;/i>');
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:', '<iframe', 'evil.example']) expect(page, bad).not.toContain(bad);
    expect(page).toContain('Mô tả');
    const list = main((await portal.app.inject({ url: '/du-an-dau-thau?kind=purchase' })).body);
    expect(list).not.toContain('<script>alert(1)');
    expect(list).toContain('&lt;script>alert(1)&lt;/script>');
    // Another site on the same installation: its items are not this site's.
    const other = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    await createProject(db(), operatorScope(other), { kind: 'project', name: 'Dự án riêng của trang huyện', slug: 'du-an-rieng-trang-huyen', owner: 'UBND huyện', isPublishing: true });
    expect((await portal.app.inject({ url: '/du-an-dau-thau/du-an-rieng-trang-huyen' })).statusCode).toBe(404);
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau?q=trang+huyen' })).body)).toContain('Không có mục nào khớp');
  });

  it('is found by the site search, drafts and unpublished items never', async () => {
    const found = main((await portal.app.inject({ url: '/tim-kiem?q=bao+tro+xa+hoi' })).body);
    expect(found).toContain('href="/du-an-dau-thau/cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh"');
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=Ngoc+Linh' })).body)).toContain('href="/du-an-dau-thau/goi-thau-so-02-thi-cong-khoi-nha-o-doi-tuong"');
    for (const q of ['ban+nhap+du+an+chua+cong+bo', 'mua+sam+da+go+xuong']) {
      expect(main((await portal.app.inject({ url: `/tim-kiem?q=${q}` })).body), q).not.toContain('href="/du-an-dau-thau/');
    }
    const records = await db().selectFrom('search_records').select('record_id').where('type', '=', 'project').where('site_id', '=', siteId).execute();
    expect(records.map((r) => r.record_id)).not.toContain(unpublishedId);
    expect(records.length).toBe(11);
  });
});
