import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { embedIndicators, indicatorMarker } from './indicator-embed.js';
import { seedDemoIndicators } from './indicators.demo.js';
import { createIndicator, publishIndicator, unpublishIndicator, updateIndicator } from './indicators.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the indicator pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let unpublishedId: string;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoIndicators(db(), siteId, new Date(Date.now() - 60_000));
    await createIndicator(db(), scope, { name: 'Bản nháp chưa công bố', unit: 'hộ', values: [{ period: '2021', target: 10, result: 12 }] });
    const gone = await createIndicator(db(), scope, { name: 'Chỉ tiêu đã gỡ xuống', unit: 'hộ', values: [{ period: '2021', target: 10, result: 12 }], isPublishing: true });
    await unpublishIndicator(db(), scope, { indicatorId: gone.id });
    unpublishedId = gone.id;
    // A note a spreadsheet would run as a formula.
    await createIndicator(db(), scope, { name: 'Hộ thoát nghèo', slug: 'ho-thoat-ngheo', unit: 'hộ', values: [{ period: '2021', target: '1.200', result: '1.315', note: '=HYPERLINK("http://x","bấm vào đây")' }, { period: '2022', target: '1.250', note: 'Số liệu "sơ bộ", chưa chốt' }], isPublishing: true });
  });
  afterAll(async () => portal.close());

  it('lists published indicators with their newest plan and result, as a cached page, never drafts', async () => {
    const page = await portal.app.inject({ url: '/chi-tieu' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const body = main(page.body);
    expect(body).toContain('<a href="/chi-tieu/giai-quyet-viec-lam">Giải quyết việc làm cho người lao động</a>');
    expect(body).toMatch(/Tỷ lệ lao động qua đào tạo<\/a>[\s\S]*?<td>Năm 2021<\/td><td>54%<\/td><td>55,7%<\/td><td>103,15%<\/td>/);
    expect(body).toContain('6 chỉ tiêu.');
    expect(body).not.toContain('Bản nháp chưa công bố');
    expect(body).not.toContain('Chỉ tiêu đã gỡ xuống');
    expect((await portal.app.inject({ url: '/chi-tieu?fbclid=x' })).headers.location).toBe('/chi-tieu');
    expect((await portal.app.inject({ url: '/chi-tieu?page=1' })).headers.location).toBe('/chi-tieu');
    expect((await portal.app.inject({ url: '/chi-tieu?page=99' })).statusCode).toBe(404);
  });

  it('serves indicators over the public API: published ones only, with the percentage of plan computed', async () => {
    const list = await portal.app.inject({ url: '/api/v1/indicators?limit=50' });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { slug: string; latest: { percentOfPlan: number | null } | null }[];
    expect(items.map((i) => i.slug)).toContain('giai-quyet-viec-lam');
    expect(items.map((i) => i.slug)).not.toContain('chi-tieu-da-go-xuong');
    expect(JSON.stringify(items)).not.toContain('Bản nháp chưa công bố');
    expect(JSON.stringify(items)).not.toContain('Chỉ tiêu đã gỡ xuống');
    const goneSlug = (await db().selectFrom('indicators').select('slug').where('id', '=', unpublishedId).executeTakeFirstOrThrow()).slug;
    expect((await portal.app.inject({ url: `/api/v1/indicators/${goneSlug}` })).statusCode).toBe(404);
    const jobs = (await portal.app.inject({ url: '/api/v1/indicators/giai-quyet-viec-lam' })).json();
    expect(jobs.values.find((v: { period: string; district: string }) => v.period === '2021' && v.district === '')).toMatchObject({ target: 5700, result: 6518, percentOfPlan: 114.35 });
    expect(jobs.url).toBe('http://localhost:3000/chi-tieu/giai-quyet-viec-lam');
    for (const [url, status] of [['/api/v1/indicators/chi-tieu-da-go-xuong', 404], ['/api/v1/indicators?kind=month', 400], ['/api/v1/indicators?limit=0', 400]] as const) {
      const answer = await portal.app.inject({ url });
      expect(answer.statusCode, url).toBe(status);
      expect(answer.json().error.message, url).toBeTruthy();
    }
  });

  it('filters by period kind and words, and answers a filter it cannot use with a 400 and the form', async () => {
    const quarterly = await portal.app.inject({ url: '/chi-tieu?kind=quarter' });
    expect(quarterly.statusCode).toBe(200);
    expect(quarterly.headers['cache-control']).toBe('private, no-store');
    expect(main(quarterly.body)).toContain('>Người tham gia bảo hiểm thất nghiệp</a>');
    expect(main(quarterly.body)).not.toContain('>Tỷ lệ lao động qua đào tạo</a>');
    const byDistrict = main((await portal.app.inject({ url: '/chi-tieu?q=kon+ray' })).body);
    expect(byDistrict).toContain('>Giải quyết việc làm theo huyện, thành phố</a>');
    expect(byDistrict).toContain('1 chỉ tiêu.');
    expect(main((await portal.app.inject({ url: '/chi-tieu?q=ban+nhap' })).body)).toContain('Không có chỉ tiêu nào khớp');
    for (const [query, message] of [['kind=thang', 'Kỳ số liệu được chọn không có.'], ['page=0', 'Số trang không hợp lệ.'], [`q=${'a'.repeat(300)}`, 'Từ khóa tìm kiếm quá dài']] as const) {
      const page = await portal.app.inject({ url: `/chi-tieu?${query}` });
      expect(page.statusCode, query).toBe(400);
      expect(main(page.body), query).toContain(message);
      expect(page.body, query).toContain('id="tu-khoa-chi-tieu"');
    }
    for (const raw of ['q=%00', 'q=%FF', 'q=%3Cscript%3E', 'kind=%E2%80%AE', 'q=a&q=b']) expect([200, 400], raw).toContain((await portal.app.inject({ url: `/chi-tieu?${raw}` })).statusCode);
  });

  it('shows an indicator with its SVG chart, the data table the chart points at, and its downloads', async () => {
    const page = await portal.app.inject({ url: '/chi-tieu/giai-quyet-viec-lam' });
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('<h1 id="tieu-de-chi-tieu" class="document__title">Giải quyết việc làm cho người lao động</h1>');
    expect(body).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="indicator-chart__svg"[^>]* role="img" aria-labelledby="bieu-do-theo-ky-tieu-de" aria-describedby="bieu-do-theo-ky-mo-ta bang-so-lieu"/);
    expect(body).toContain('<table class="documents-table indicator-table" id="bang-so-lieu">');
    expect(body).toContain('<tr><th scope="row">Năm 2021</th><td>Toàn địa bàn</td><td class="indicator-table__number">5.700</td><td class="indicator-table__number">6.518</td><td class="indicator-table__number">114,35%</td>');
    expect(body).toContain('<td class="indicator-table__number">Chưa có</td>');
    expect(body).toContain('<a href="/chi-tieu/giai-quyet-viec-lam.csv" download="giai-quyet-viec-lam.csv" type="text/csv">');
    expect(body).toContain('<a href="/chi-tieu/giai-quyet-viec-lam.json" download="giai-quyet-viec-lam.json" type="application/json">');
    expect(page.body).not.toMatch(/<script(?![^>]*(src=|type="application\/ld\+json"))/);
    expect(page.body).toContain('"@type":"Dataset"');
    // By district: a second chart, districts heading their rows.
    const districts = main((await portal.app.inject({ url: '/chi-tieu/giai-quyet-viec-lam-theo-huyen' })).body);
    expect(districts).toContain('aria-labelledby="bieu-do-theo-dia-ban-tieu-de"');
    expect(districts).toContain('<th scope="row">Huyện Kon Rẫy</th>');
    for (const url of ['/chi-tieu/ban-nhap-chua-cong-bo', '/chi-tieu/chi-tieu-da-go-xuong', '/chi-tieu/khong-co', '/chi-tieu/Giai-Quyet', '/chi-tieu/a..b.csv']) expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
  });

  it('serves the data as CSV (UTF-8 with BOM, formula-safe) and JSON, published indicators only', async () => {
    const csv = await portal.app.inject({ url: '/chi-tieu/ho-thoat-ngheo.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers.etag).toBeTruthy();
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.slice(1).split('\r\n')).toEqual([
      'Chỉ tiêu,Đơn vị tính,Kỳ,Tên kỳ,Địa bàn,Kế hoạch,Thực hiện,% kế hoạch,Ghi chú',
      'Hộ thoát nghèo,hộ,2021,Năm 2021,Toàn địa bàn,1200,1315,109.58,"\'=HYPERLINK(""http://x"",""bấm vào đây"")"',
      'Hộ thoát nghèo,hộ,2022,Năm 2022,Toàn địa bàn,1250,,,"Số liệu ""sơ bộ"", chưa chốt"',
      '',
    ]);
    expect((await portal.app.inject({ url: '/chi-tieu/ho-thoat-ngheo.csv', headers: { 'if-none-match': csv.headers.etag as string } })).statusCode).toBe(304);
    const json = await portal.app.inject({ url: '/chi-tieu/giai-quyet-viec-lam.json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const data = json.json();
    expect(data).toMatchObject({ name: 'Giải quyết việc làm cho người lao động', unit: 'người', periodKind: 'year', url: 'http://localhost:3000/chi-tieu/giai-quyet-viec-lam' });
    expect(data.values.find((v: { period: string }) => v.period === '2021')).toEqual({ period: '2021', periodLabel: 'Năm 2021', district: '', districtLabel: 'Toàn địa bàn', target: 5700, result: 6518, percentOfPlan: 114.35, note: '' });
    for (const url of ['/chi-tieu/ban-nhap-chua-cong-bo.csv', '/chi-tieu/ban-nhap-chua-cong-bo.json', '/chi-tieu/chi-tieu-da-go-xuong.csv', '/chi-tieu/chi-tieu-da-go-xuong.json', '/chi-tieu/khong-co.csv']) {
      expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
    }
    expect((await portal.app.inject({ url: '/chi-tieu/ho-thoat-ngheo.csv?x=1' })).headers.location).toBe('/chi-tieu/ho-thoat-ngheo.csv');
  });

  it('drops a page from the cache when its indicator is unpublished, and moves a renamed address with 301', async () => {
    const scope = operatorScope(siteId);
    const { id } = await createIndicator(db(), scope, { name: 'Lao động đi làm việc ở nước ngoài', unit: 'người', values: [{ period: '2021', target: 150, result: 171 }], isPublishing: true });
    expect((await portal.app.inject({ url: '/chi-tieu/lao-dong-di-lam-viec-o-nuoc-ngoai' })).statusCode).toBe(200);
    expect((await portal.app.inject({ url: '/chi-tieu/lao-dong-di-lam-viec-o-nuoc-ngoai.csv' })).statusCode).toBe(200);
    await updateIndicator(db(), scope, { indicatorId: id, fields: { slug: 'xuat-khau-lao-dong' } });
    expect((await portal.app.inject({ url: '/chi-tieu/lao-dong-di-lam-viec-o-nuoc-ngoai' })).headers.location).toBe('/chi-tieu/xuat-khau-lao-dong');
    expect((await portal.app.inject({ url: '/chi-tieu/lao-dong-di-lam-viec-o-nuoc-ngoai.json' })).headers.location).toBe('/chi-tieu/xuat-khau-lao-dong.json');
    expect((await portal.app.inject({ url: '/chi-tieu/xuat-khau-lao-dong' })).statusCode).toBe(200);
    await unpublishIndicator(db(), scope, { indicatorId: id });
    for (const url of ['/chi-tieu/xuat-khau-lao-dong', '/chi-tieu/xuat-khau-lao-dong.csv']) expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
    expect(main((await portal.app.inject({ url: '/chi-tieu' })).body)).not.toContain('Lao động đi làm việc ở nước ngoài');
    await publishIndicator(db(), scope, { indicatorId: id });
    expect((await portal.app.inject({ url: '/chi-tieu/xuat-khau-lao-dong' })).statusCode).toBe(200);
  });

  it('is found by the site search, drafts and unpublished indicators never', async () => {
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=giai+quyet+viec+lam' })).body)).toContain('href="/chi-tieu/giai-quyet-viec-lam"');
    for (const q of ['ban+nhap+chua+cong+bo', 'chi+tieu+da+go+xuong']) {
      const body = main((await portal.app.inject({ url: `/tim-kiem?q=${q}` })).body);
      expect(body, q).not.toContain('href="/chi-tieu/');
    }
    const record = await db().selectFrom('search_records').select('id').where('type', '=', 'indicator').where('record_id', '=', unpublishedId).executeTakeFirst();
    expect(record).toBeUndefined();
  });

  it('embeds a published indicator where an article names it, and leaves other markers as text', async () => {
    const html = [
      '<p>Kết quả năm 2021:</p>',
      `<p>${indicatorMarker('giai-quyet-viec-lam')}</p>`,
      `<p> ${indicatorMarker('ban-nhap-chua-cong-bo')}&nbsp;</p>`,
      `<p>${indicatorMarker('khong-co')}</p>`,
      `<p>Xem thêm ${indicatorMarker('giai-quyet-viec-lam')} trong câu.</p>`,
      `<p class="x">${indicatorMarker('giai-quyet-viec-lam-theo-huyen')}</p>`,
    ].join('');
    const out = await embedIndicators(db(), { siteId, html, now: new Date() });
    expect(out).toContain('<p>Kết quả năm 2021:</p><figure class="indicator-block" id="chi-tieu-giai-quyet-viec-lam-1">');
    expect(out).toContain('aria-describedby="chi-tieu-giai-quyet-viec-lam-1-bieu-do-theo-ky-mo-ta chi-tieu-giai-quyet-viec-lam-1-bang"');
    expect(out).toContain('<table class="documents-table indicator-table" id="chi-tieu-giai-quyet-viec-lam-1-bang">');
    expect(out).toContain('<td class="indicator-table__number">114,35%</td>');
    expect(out).toContain('<a href="/chi-tieu/giai-quyet-viec-lam">Xem đầy đủ số liệu và tải dữ liệu: Giải quyết việc làm cho người lao động</a>');
    expect(out).toContain(`<p> ${indicatorMarker('ban-nhap-chua-cong-bo')}&nbsp;</p>`);
    expect(out).toContain(`<p>${indicatorMarker('khong-co')}</p>`);
    expect(out).toContain(`<p>Xem thêm ${indicatorMarker('giai-quyet-viec-lam')} trong câu.</p>`);
    // Districts only: the newest period's districts.
    expect(out).toContain('id="chi-tieu-giai-quyet-viec-lam-theo-huyen-2"');
    expect(out).toContain('<th scope="row">Huyện Sa Thầy</th>');
    // Another site does not embed this site's indicators.
    expect(await embedIndicators(db(), { siteId: 'trang-khac', html, now: new Date() })).toBe(html);
    expect(await embedIndicators(db(), { siteId, html: '<p>Không có chỉ tiêu.</p>', now: new Date() })).toBe('<p>Không có chỉ tiêu.</p>');
  });
});
