import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfOfPages } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { isReservedPathSegment } from '../../platform/http/reserved-paths.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { uploadMedia } from '../media/index.js';
import { ensureDefaultLists, listDocumentListItems } from './document-lists.js';
import { attachDocumentFile, createLegalDocument, markDocumentReplaced, saveLegalDocument, type LegalDocumentInput } from './legal-documents.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the legal documents pages on %s', (engine) => {
  let portal: TestPortal;
  let pdfUrl = '';

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const db = portal.testDb.db.kysely;
    const siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await ensureDefaultLists(db, { siteId, now: new Date() });
    const types = new Map((await listDocumentListItems(db, { siteId, list: 'type' })).map((t) => [t.name, t.id]));
    const fields = new Map((await listDocumentListItems(db, { siteId, list: 'field' })).map((t) => [t.name, t.id]));
    const create = (input: LegalDocumentInput, isPublishing = true) => createLegalDocument(db, scope, { typeId: types.get('Nghị định'), issuer: 'Chính phủ', fieldId: fields.get('Người có công'), ...input, isPublishing });
    const old = await create({ number: '31/2013/NĐ-CP', issuedOn: '09/04/2013', summary: 'Quy định chi tiết, hướng dẫn thi hành một số điều của Pháp lệnh Ưu đãi người có công với cách mạng' });
    const current = await create({ number: '75/2021/NĐ-CP', issuedOn: '24/07/2021', signer: 'Phạm Bình Minh', summary: 'Quy định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng', bodyHtml: '<p>Thay thế Nghị định số 31/2013/NĐ-CP về người có công.</p>' });
    await markDocumentReplaced(db, scope, { documentId: old.id, replacedById: current.id });
    await create({ number: '20/2021/NĐ-CP', issuedOn: '15/03/2021', fieldId: fields.get('Bảo trợ xã hội'), summary: 'Chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội' });
    await create({ number: '123/KH-SLĐTBXH', typeId: types.get('Kế hoạch'), issuer: 'Sở Lao động - Thương binh và Xã hội', issuedOn: '05/01/2022', summary: 'Kế hoạch tuyển sinh đào tạo nghề năm 2022' });
    await create({ number: '99/2025/NĐ-CP', issuedOn: '01/02/2025', summary: 'Bản nháp chưa công bố' }, false);
    await create({ number: '21/BC-SLĐTBXH', typeId: types.get('Báo cáo thống kê'), issuer: 'Sở Lao động - Thương binh và Xã hội', issuedOn: '14/01/2022', summary: 'Báo cáo thống kê kết quả giải quyết việc làm năm 2021' });
    await create({ number: '15/QĐ-SLĐTBXH', typeId: types.get('Công khai ngân sách'), issuer: 'Sở Lao động - Thương binh và Xã hội', issuedOn: '12/01/2022', summary: 'Công khai dự toán ngân sách năm 2022' });
    await create({ number: '16/QĐ-SLĐTBXH', typeId: types.get('Công khai ngân sách'), issuer: 'Sở Lao động - Thương binh và Xã hội', issuedOn: '13/01/2022', summary: 'Công khai quyết toán chưa duyệt' }, false);
    const pdf = await uploadMedia(db, path.join(portal.testDb.dataDir, 'media'), { siteId, uploadedBy: null, bytes: pdfOfPages(['Muc huong tro cap hang thang']), originalName: 'Nghị định 75.pdf' });
    pdfUrl = pdf.url;
    await attachDocumentFile(db, scope, { documentId: current.id, mediaId: pdf.id });
    // A renamed document keeps its old address answering.
    const renamed = await create({ number: '15/2022/TT-BLĐTBXH', typeId: types.get('Thông tư'), issuer: 'Bộ Lao động - Thương binh và Xã hội', issuedOn: '20/08/2022', summary: 'Hướng dẫn về hồ sơ người có công' });
    await saveLegalDocument(db, scope, { documentId: renamed.id, fields: { slug: 'ho-so-nguoi-co-cong' } });
  });
  afterAll(async () => portal.close());

  it('lists published documents, newest issue first, as a cached page, never drafts', async () => {
    const page = await portal.app.inject({ url: '/van-ban' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const body = main(page.body);
    const order = ['123/KH-SLĐTBXH', '75/2021/NĐ-CP', '20/2021/NĐ-CP', '31/2013/NĐ-CP'].map((n) => body.indexOf(`>${n}</a>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).not.toContain('99/2025');
    expect(body).toContain('<span class="document-status document-status--replaced">Bị thay thế</span>');
    expect((await portal.app.inject({ url: '/van-ban?fbclid=x' })).headers.location).toBe('/van-ban');
    expect((await portal.app.inject({ url: '/van-ban?page=1' })).headers.location).toBe('/van-ban');
    // A page past the last is no page: a 404 (one cached error page), not a page per number.
    expect((await portal.app.inject({ url: '/van-ban?page=99' })).statusCode).toBe(404);
  });

  it('finds a document by its number however it is typed, its own first', async () => {
    for (const q of ['75/2021', '75/2021/NĐ-CP', '75/2021/ND-CP', ' 75 / 2021 / nd-cp ']) {
      const page = await portal.app.inject({ url: `/van-ban?q=${encodeURIComponent(q)}` });
      expect(page.statusCode, q).toBe(200);
      expect(page.headers['cache-control'], q).toBe('private, no-store');
      const body = main(page.body);
      expect(body.indexOf('>75/2021/NĐ-CP</a>'), q).toBeGreaterThan(0);
      expect(body, q).not.toContain('>20/2021/NĐ-CP</a>');
    }
    // Words, with or without diacritics.
    expect(main((await portal.app.inject({ url: '/van-ban?q=tro+giup+xa+hoi' })).body)).toContain('>20/2021/NĐ-CP</a>');
  });

  it('filters by type, field, year and status, and answers a filter it cannot use with a 400 and the form', async () => {
    const plans = main((await portal.app.inject({ url: '/van-ban?type=ke-hoach' })).body);
    expect(plans).toContain('>123/KH-SLĐTBXH</a>');
    expect(plans).not.toContain('>75/2021/NĐ-CP</a>');
    const replaced = main((await portal.app.inject({ url: '/van-ban?status=replaced' })).body);
    expect(replaced).toContain('>31/2013/NĐ-CP</a>');
    expect(replaced).not.toContain('>75/2021/NĐ-CP</a>');
    expect(main((await portal.app.inject({ url: '/van-ban?year=2021&status=in_force' })).body)).toMatch(/>75\/2021\/NĐ-CP<\/a>[\s\S]*>20\/2021\/NĐ-CP<\/a>/);
    const cases: [string, string][] = [
      ['type=video', 'Loại văn bản được chọn không có trên trang này.'],
      ['field=khong-co', 'Lĩnh vực được chọn không có trên trang này.'],
      ['year=21', 'Năm ban hành không hợp lệ.'],
      ['status=sap-het', 'Tình trạng được chọn không có.'],
      ['page=0', 'Số trang không hợp lệ.'],
      [`q=${'a'.repeat(300)}`, 'Từ khóa tìm kiếm quá dài'],
    ];
    for (const [query, message] of cases) {
      const page = await portal.app.inject({ url: `/van-ban?${query}` });
      expect(page.statusCode, query).toBe(400);
      expect(main(page.body), query).toContain(message);
      expect(page.body, query).toContain('id="so-hieu"');
    }
    for (const raw of ['q=%00', 'q=%FF', "q='%20OR%201=1", 'q=%3Cscript%3E', 'issuer=%E2%80%AE', 'q=a&q=b']) expect([200, 400], raw).toContain((await portal.app.inject({ url: `/van-ban?${raw}` })).statusCode);
  });

  it('shows a document with its facts, its status, what replaced it, and its files to view and download', async () => {
    const current = await portal.app.inject({ url: '/van-ban/75-2021-nd-cp' });
    expect(current.statusCode).toBe(200);
    const body = main(current.body);
    expect(body).toContain('<dt>Số ký hiệu</dt><dd>75/2021/NĐ-CP</dd>');
    expect(body).toContain('<dt>Ngày ban hành</dt><dd>24/07/2021</dd>');
    expect(body).toContain('<span class="document-status document-status--in_force">Còn hiệu lực</span>');
    expect(body).toContain(`<a href="${pdfUrl}" aria-label="Xem Nghị định 75.pdf">Xem</a>`);
    expect(body).toContain(`<a href="${pdfUrl}" download="Nghị định 75.pdf" aria-label="Tải về Nghị định 75.pdf">Tải về</a>`);
    // The body's citation of the replaced decree is a link that says so.
    expect(body).toMatch(/<a href="\/van-ban\/31-2013-nd-cp" class="citation citation--replaced"[^>]*>Nghị định số 31\/2013\/NĐ-CP <span class="citation__status">/);
    expect(body).toContain('Văn bản được thay thế');
    const old = main((await portal.app.inject({ url: '/van-ban/31-2013-nd-cp' })).body);
    expect(old).toContain('Văn bản này đã bị thay thế bởi <a href="/van-ban/75-2021-nd-cp">');
    expect((await portal.app.inject({ url: '/van-ban/99-2025-nd-cp' })).statusCode).toBe(404);
    expect((await portal.app.inject({ url: '/van-ban/khong-co' })).statusCode).toBe(404);
    expect((await portal.app.inject({ url: '/van-ban/15-2022-tt-bldtbxh' })).headers.location).toBe('/van-ban/ho-so-nguoi-co-cong');
    expect((await portal.app.inject({ url: '/van-ban/75-2021-ND-CP' })).statusCode).toBe(404);
  });

  it('links the documents an article cites, at render time, showing a replaced one as such', async () => {
    const { createArticle } = await import('../articles/index.js');
    const { slug } = await createArticle(portal.testDb.db.kysely, {
      siteId: portal.fixture.siteId,
      categoryId: portal.fixture.categories.activities.id,
      title: 'Chi trả trợ cấp theo quy định mới',
      bodyHtml: '<p>Theo Nghị định 20/2021/ND-CP và Nghị định số 31/2013/NĐ-CP; số 1/2099/NĐ-CP chưa có.</p><p><a href="/tin-tuc">Nghị định 75/2021/NĐ-CP</a></p>',
      status: 'published',
      publishedAt: new Date('2026-01-05T02:00:00Z'),
    });
    const body = main((await portal.app.inject({ url: `/tin-tuc/tin-hoat-dong/${slug}` })).body);
    expect(body).toMatch(/<a href="\/van-ban\/20-2021-nd-cp" class="citation citation--in-force"[^>]*>Nghị định 20\/2021\/ND-CP<\/a>/);
    expect(body).toMatch(/<a href="\/van-ban\/31-2013-nd-cp" class="citation citation--replaced"[^>]*>Nghị định số 31\/2013\/NĐ-CP <span class="citation__status">/);
    expect(body).toContain('số 1/2099/NĐ-CP chưa có');
    // Text already inside a link stays as it is.
    expect(body).toContain('<a href="/tin-tuc">Nghị định 75/2021/NĐ-CP</a>');
  });

  it('lists plans, statistics reports and budget disclosures on pages of their own, each its own types only', async () => {
    const expected = {
      '/ke-hoach-chuong-trinh': { has: ['123/KH-SLĐTBXH'], title: 'Kế hoạch, chương trình' },
      '/bao-cao-thong-ke': { has: ['21/BC-SLĐTBXH'], title: 'Báo cáo thống kê' },
      '/cong-khai-ngan-sach': { has: ['15/QĐ-SLĐTBXH'], title: 'Công khai ngân sách' },
    };
    const everyNumber = ['123/KH-SLĐTBXH', '21/BC-SLĐTBXH', '15/QĐ-SLĐTBXH', '75/2021/NĐ-CP', '16/QĐ-SLĐTBXH'];
    for (const [url, { has, title }] of Object.entries(expected)) {
      expect(isReservedPathSegment(url.slice(1)), url).toBe(true);
      const page = await portal.app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      const body = main(page.body);
      expect(body).toContain(`<h1 id="tieu-de-van-ban" class="section-title">${title}</h1>`);
      expect(body).toContain(`action="${url}"`);
      for (const number of everyNumber) expect(body.includes(`>${number}</a>`), `${url} ${number}`).toBe(has.includes(number));
      // The type filter offers this collection's types only; another's is refused with the form.
      const wrongType = await portal.app.inject({ url: `${url}?type=nghi-dinh` });
      expect(wrongType.statusCode, url).toBe(400);
      expect(main(wrongType.body)).toContain('Loại văn bản được chọn không có trên trang này.');
      expect((await portal.app.inject({ url: `${url}?page=9` })).statusCode, url).toBe(404);
    }
    // Words search within the collection, and details stay at /van-ban/<slug>.
    const found = main((await portal.app.inject({ url: '/bao-cao-thong-ke?q=viec+lam' })).body);
    expect(found).toContain('href="/van-ban/21-bc-sldtbxh-2022"');
    expect(found).not.toContain('123/KH-SLĐTBXH');
    // A document's page leads back to its collection's list.
    expect(main((await portal.app.inject({ url: '/van-ban/15-qd-sldtbxh-2022' })).body)).toContain('<a href="/cong-khai-ngan-sach">Công khai ngân sách</a>');
    expect(main((await portal.app.inject({ url: '/van-ban/20-2021-nd-cp' })).body)).toContain('<a href="/van-ban">Văn bản</a>');
    // /van-ban still lists every kind.
    expect(main((await portal.app.inject({ url: '/van-ban?q=cong+khai' })).body)).toContain('>15/QĐ-SLĐTBXH</a>');
    const api = (await portal.app.inject({ url: '/api/v1/documents?collection=budget' })).json();
    expect(api.items.map((d: { number: string }) => d.number)).toEqual(['15/QĐ-SLĐTBXH']);
    expect((await portal.app.inject({ url: '/api/v1/documents?collection=khac' })).statusCode).toBe(400);
  });

  it('serves the registry over the public API: published documents only, JSON errors', async () => {
    const list = await portal.app.inject({ url: '/api/v1/documents?q=20%2F2021%2FND-CP' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ number: '20/2021/NĐ-CP', slug: '20-2021-nd-cp', url: 'http://localhost:3000/van-ban/20-2021-nd-cp', type: 'Nghị định', status: 'in_force', issuedOn: '2021-03-15' });
    expect(list.headers['access-control-allow-origin']).toBe('*');
    const all = (await portal.app.inject({ url: '/api/v1/documents?limit=50' })).json();
    expect(all.items.map((d: { number: string }) => d.number)).not.toContain('99/2025/NĐ-CP');
    const one = (await portal.app.inject({ url: '/api/v1/documents/31-2013-nd-cp' })).json();
    expect(one).toMatchObject({ status: 'replaced', replacedBy: { number: '75/2021/NĐ-CP', url: 'http://localhost:3000/van-ban/75-2021-nd-cp' } });
    expect((await portal.app.inject({ url: '/api/v1/documents/75-2021-nd-cp' })).json().attachments[0]).toMatchObject({ name: 'Nghị định 75.pdf', url: `http://localhost:3000${pdfUrl}`, mime: 'application/pdf' });
    for (const [url, status] of [['/api/v1/documents/99-2025-nd-cp', 404], ['/api/v1/documents?status=sap-het', 400], ['/api/v1/documents?year=99', 400], ['/api/v1/documents?limit=1000', 400]] as const) {
      const answer = await portal.app.inject({ url });
      expect(answer.statusCode, url).toBe(status);
      expect(answer.json().error.message, url).toBeTruthy();
    }
  });

  it('makes documents findable from the site search, by number and by the words of their files', async () => {
    const byNumber = await portal.app.inject({ url: '/tim-kiem?q=75%2F2021&type=document' });
    expect(main(byNumber.body)).toContain('href="/van-ban/75-2021-nd-cp"');
    expect(main(byNumber.body)).toContain('<span class="search-hit__type">Văn bản</span>');
    const byFile = main((await portal.app.inject({ url: '/tim-kiem?q=muc+huong+tro+cap+hang+thang' })).body);
    expect(byFile).toContain(`Trong tệp đính kèm: <a href="${pdfUrl}">Nghị định 75.pdf</a>`);
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=ban+nhap+chua+cong+bo' })).body)).toContain('Không tìm thấy');
  });
});
