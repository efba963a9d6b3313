import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createLegalDocument, ensureDefaultLists, listDocumentListItems } from '../legal-documents/index.js';
import { listProcedureFields } from './procedure-fields.js';
import { seedDemoPublicServices } from './public-services.demo.js';
import { createProcedure, publishProcedure, saveProcedure, unpublishProcedure } from './public-services.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the public service pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let goneId: string;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    // A published legal document the căn cứ pháp lý of a procedure cites.
    await ensureDefaultLists(db(), { siteId, now: new Date() });
    const types = await listDocumentListItems(db(), { siteId, list: 'type' });
    await createLegalDocument(db(), scope, { number: '20/2021/NĐ-CP', typeId: types.find((t) => t.name === 'Nghị định')!.id, issuer: 'Chính phủ', issuedOn: '15/03/2021', summary: 'Chính sách trợ giúp xã hội', isPublishing: true });
    expect(await seedDemoPublicServices(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) })).toBe(15);
    const fields = await listProcedureFields(db(), siteId);
    const fieldId = fields.find((f) => f.name === 'Trẻ em')!.id;
    const base = { fieldId, agency: 'Ủy ban nhân dân cấp xã', documents: 'Đơn đề nghị (1 bản chính)', timeLimit: '05 ngày làm việc', fee: 'Không' };
    await createProcedure(db(), scope, { ...base, name: 'Thủ tục bản nháp chưa công bố', code: '9.999001' });
    const gone = await createProcedure(db(), scope, { ...base, name: 'Thủ tục đã gỡ xuống', code: '9.999002', isPublishing: true });
    await unpublishProcedure(db(), scope, { procedureId: gone.id });
    goneId = gone.id;
  });
  afterAll(async () => portal.close());

  it('lists published procedures grouped by field, as a cached page, never drafts or unpublished ones', async () => {
    const page = await portal.app.inject({ url: '/thu-tuc-hanh-chinh' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const body = main(page.body);
    expect(body).toContain('15 thủ tục hành chính.');
    expect(body).toMatch(/<h2 id="linh-vuc-1">Việc làm<\/h2>/);
    expect(body).toContain('<a href="/thu-tuc-hanh-chinh/giai-quyet-huong-tro-cap-that-nghiep">Giải quyết hưởng trợ cấp thất nghiệp</a>');
    expect(body).toContain('<caption class="visually-hidden">Thủ tục hành chính lĩnh vực Người có công</caption>');
    // Fields follow the site's order: Việc làm before Người có công before Trẻ em.
    expect(body.indexOf('>Việc làm</h2>')).toBeLessThan(body.indexOf('>Người có công</h2>'));
    expect(body.indexOf('>Người có công</h2>')).toBeLessThan(body.indexOf('>Trẻ em</h2>'));
    expect(body).not.toContain('bản nháp chưa công bố');
    expect(body).not.toContain('đã gỡ xuống');
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?fbclid=x' })).headers.location).toBe('/thu-tuc-hanh-chinh');
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?page=99' })).statusCode).toBe(404);
  });

  it('filters by field, level, mức độ and words or code, per request, and says why a filter cannot be used', async () => {
    const byField = await portal.app.inject({ url: '/thu-tuc-hanh-chinh?field=nguoi-co-cong' });
    expect(byField.statusCode).toBe(200);
    expect(byField.headers['cache-control']).toBe('private, no-store');
    expect(main(byField.body)).toContain('3 thủ tục hành chính.');
    expect(main(byField.body)).toContain('<option value="nguoi-co-cong" selected>Người có công (3)</option>');
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?level=commune' })).body)).toContain('1 thủ tục hành chính.');
    const full = main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?online=full&field=viec-lam' })).body);
    expect(full).toContain('3 thủ tục hành chính.');
    // Thời hạn: procedures stating at most that many working days.
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?days=5' })).body)).toContain('6 thủ tục hành chính.');
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?days=0' })).body)).toContain('2 thủ tục hành chính.');
    for (const q of ['tro+cap+that+nghiep', 'trợ+cấp+thất+nghiệp', '1.001978']) expect(main((await portal.app.inject({ url: `/thu-tuc-hanh-chinh?q=${q}` })).body), q).toContain('>Giải quyết hưởng trợ cấp thất nghiệp</a>');
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?q=ban+nhap+chua+cong+bo' })).body)).toContain('Không có thủ tục nào khớp');
    for (const [query, message] of [['level=trung-uong', 'Cấp thực hiện được chọn không có.'], ['online=4', 'Mức độ được chọn không có.'], ['field=khong-co', 'Lĩnh vực được chọn không có'], ['page=0', 'Số trang không hợp lệ.'], ['days=mot-tuan', 'Thời hạn giải quyết phải là một số ngày làm việc'], ['days=99999', 'Thời hạn giải quyết phải là một số ngày làm việc'], [`q=${'a'.repeat(300)}`, 'Từ khóa tìm kiếm quá dài']] as const) {
      const page = await portal.app.inject({ url: `/thu-tuc-hanh-chinh?${query}` });
      expect(page.statusCode, query).toBe(400);
      expect(main(page.body), query).toContain(message);
      expect(page.body, query).toContain('id="tu-khoa-thu-tuc"');
    }
    for (const raw of ['q=%00', 'q=%FF', 'q=%3Cscript%3Ealert(1)%3C/script%3E', 'field=%E2%80%AE', 'q=a&q=b', 'level=%3Cb%3E']) {
      const page = await portal.app.inject({ url: `/thu-tuc-hanh-chinh?${raw}` });
      expect([200, 400], raw).toContain(page.statusCode);
      expect(page.body, raw).not.toContain('<script>alert');
      expect(page.body, raw).not.toContain('<b>');
    }
  });

  it('shows a procedure: its facts, the button to the national portal, documents as a table, căn cứ linked', async () => {
    const { slug } = await db().selectFrom('procedures').select('slug').where('code', '=', '2.000286').executeTakeFirstOrThrow();
    // Long names give slugs cut at a word, short enough for "-2".
    expect(slug).toBe('thuc-hien-dieu-chinh-thoi-huong-tro-cap-xa-hoi-hang-thang-ho-tro-kinh-phi-cham-soc-nuoi-duong-hang');
    const page = await portal.app.inject({ url: `/thu-tuc-hanh-chinh/${slug}` });
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('<h1 id="tieu-de-thu-tuc" class="document__title">Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng');
    expect(body).toContain('<dt>Mã thủ tục</dt><dd>2.000286</dd>');
    expect(body).toContain('<dt>Cấp thực hiện</dt><dd>Cấp huyện</dd>');
    expect(body).toContain('<dd><a href="/thu-tuc-hanh-chinh?field=bao-tro-xa-hoi">Bảo trợ xã hội</a></dd>');
    expect(body).toContain('<a class="procedure__apply-button" href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286" rel="noopener">Nộp hồ sơ trực tuyến</a>');
    expect(body).toContain('<th scope="col">Bản chính</th>');
    expect(body).toMatch(/<tr><td>2<\/td><th scope="row">Giấy xác nhận khuyết tật, nếu là người khuyết tật<\/th><td><\/td><td>1<\/td><\/tr>/);
    expect(body).toMatch(/<h2 id="can-cu-phap-ly">Căn cứ pháp lý<\/h2><div class="article__body"><p><a href="\/van-ban\/20-2021-nd-cp" class="citation citation--in-force"[^>]*>Nghị định 20\/2021\/NĐ-CP<\/a> quy định/);
    expect(body).toContain('<h2 id="trinh-tu">Trình tự thực hiện</h2>');
    // The demo's form, a Word file made at install, to download.
    expect(body).toMatch(/<a href="\/media\/[^"]+\.docx" download="Tờ khai đề nghị trợ giúp xã hội.docx" aria-label="Tải về Tờ khai đề nghị trợ giúp xã hội.docx">Tải về<\/a>/);
    for (const url of ['/thu-tuc-hanh-chinh/thu-tuc-ban-nhap-chua-cong-bo', '/thu-tuc-hanh-chinh/thu-tuc-da-go-xuong', '/thu-tuc-hanh-chinh/khong-co', '/thu-tuc-hanh-chinh/Giai-Quyet', '/thu-tuc-hanh-chinh/a..b']) {
      expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('drops a page from the cache when its procedure changes, and moves a new address with 301', async () => {
    const scope = operatorScope(siteId);
    const fieldId = (await listProcedureFields(db(), siteId)).find((f) => f.name === 'Việc làm')!.id;
    const { id } = await createProcedure(db(), scope, { name: 'Đăng ký thất nghiệp thử', fieldId, agency: 'Trung tâm', documents: 'Đơn', timeLimit: '3 ngày', fee: 'Không', isPublishing: true });
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-that-nghiep-thu' })).statusCode).toBe(200);
    await saveProcedure(db(), scope, { procedureId: id, fields: { slug: 'dang-ky-that-nghiep', fee: '50.000 đồng' } });
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-that-nghiep-thu' })).headers.location).toBe('/thu-tuc-hanh-chinh/dang-ky-that-nghiep');
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-that-nghiep' })).body)).toContain('<dd>50.000 đồng</dd>');
    await unpublishProcedure(db(), scope, { procedureId: id });
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-that-nghiep' })).statusCode).toBe(404);
    expect(main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh' })).body)).not.toContain('Đăng ký thất nghiệp thử');
    await publishProcedure(db(), scope, { procedureId: id });
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-that-nghiep' })).statusCode).toBe(200);
    await unpublishProcedure(db(), scope, { procedureId: id });
  });

  it('is found by the site search, also by its code; drafts and unpublished procedures never', async () => {
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=giay+phep+lao+dong+nguoi+nuoc+ngoai' })).body)).toContain('href="/thu-tuc-hanh-chinh/cap-giay-phep-lao-dong-cho-nguoi-lao-dong-nuoc-ngoai-lam-viec-tai-viet-nam"');
    // The text of an attached form finds its procedure.
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=so+bao+hiem+xa+hoi+ngay+cham+dut+hop+dong' })).body)).toContain('href="/thu-tuc-hanh-chinh/giai-quyet-huong-tro-cap-that-nghiep"');
    const byCode = main((await portal.app.inject({ url: '/tim-kiem?q=2.000286' })).body);
    expect(byCode).toContain('href="/thu-tuc-hanh-chinh/thuc-hien-dieu-chinh');
    // The search page's type filter offers procedures by name and keeps to them.
    const onlyProcedures = await portal.app.inject({ url: '/tim-kiem?q=tro+cap&type=procedure' });
    expect(onlyProcedures.body).toContain('<option value="procedure" selected>Thủ tục hành chính</option>');
    expect(main(onlyProcedures.body)).toContain('href="/thu-tuc-hanh-chinh/giai-quyet-huong-tro-cap-that-nghiep"');
    expect(main(onlyProcedures.body)).not.toContain('href="/van-ban/');
    for (const q of ['ban+nhap+chua+cong+bo', 'thu+tuc+da+go+xuong', '9.999001']) expect(main((await portal.app.inject({ url: `/tim-kiem?q=${q}` })).body), q).not.toContain('href="/thu-tuc-hanh-chinh/');
    expect(await db().selectFrom('search_records').select('id').where('type', '=', 'procedure').where('record_id', '=', goneId).executeTakeFirst()).toBeUndefined();
  });

  it('shows script typed into any field as text: the page, the list, search and the API', async () => {
    const scope = operatorScope(siteId);
    const fieldId = (await listProcedureFields(db(), siteId)).find((f) => f.name === 'Trẻ em')!.id;
    const payload = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
    const { slug } = await createProcedure(db(), scope, {
      name: `Thủ tục độc ${payload}`,
      fieldId,
      agency: payload,
      methods: `${payload}\n<a href="javascript:alert(1)">x</a>`,
      stepsHtml: `<p>Bước</p>${payload}<a href="javascript:alert(1)">x</a><iframe src="https://x.vn"></iframe>`,
      documents: `Đơn ${payload} (1 bản chính)`,
      timeLimit: payload,
      fee: payload,
      result: payload,
      legalBasis: `Nghị định 20/2021/NĐ-CP ${payload}`,
      isPublishing: true,
    });
    const inert = (html: string, where: string) => {
      expect(html, where).not.toContain('<script>alert(1)');
      expect(html, where).not.toMatch(/<img src=x onerror/);
      expect(html, where).not.toMatch(/href="javascript:/i);
      expect(html, where).not.toContain('<iframe');
    };
    const page = await portal.app.inject({ url: `/thu-tuc-hanh-chinh/${slug}` });
    expect(page.statusCode).toBe(200);
    inert(page.body, 'page');
    expect(main(page.body)).toContain('&lt;script>alert(1)&lt;/script>');
    inert((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?field=tre-em' })).body, 'list');
    inert((await portal.app.inject({ url: '/tim-kiem?q=thu+tuc+doc' })).body, 'search');
    const api = (await portal.app.inject({ url: `/api/v1/procedures/${slug}` })).json();
    expect(api.stepsHtml).not.toContain('<script');
    expect(api.stepsHtml).not.toContain('javascript:');
    expect(api.methods).toContain('<a href="javascript:alert(1)">x</a>');
  });
});
