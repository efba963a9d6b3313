/**
 * The agency's public pages through HTTP on both engines: what they show, that drafts and
 * unpublished items never reach the pages, search or each other's links, the English
 * pages and their fallbacks, renamed units, and hostile URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { searchSite } from '../search/index.js';
import { changeSiteContent, createSite } from '../sites/index.js';
import { seedDemoAgency } from './agency.demo.js';
import { agencySearchSource } from './agency.search.js';
import { createOfficial, createUnit, publishUnit, saveUnit, unpublishOfficial, unpublishUnit } from './agency.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the agency pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const db = () => portal.testDb.db.kysely;
  const get = (url: string) => portal.app.inject({ url });
  const ids = { draftUnit: '', goneUnit: '', childOfDraft: '', boardId: '' };

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoAgency(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    ids.boardId = (await db().selectFrom('agency_units').select('id').where('slug', '=', 'ban-giam-doc').executeTakeFirstOrThrow()).id;
    // A draft unit with a published unit under it; a unit published then taken down; a draft official; an official taken down.
    ids.draftUnit = (await createUnit(db(), scope, { name: 'Phòng Dự thảo Bí mật', kind: 'phong_chuyen_mon', parentId: ids.boardId })).id;
    ids.childOfDraft = (await createUnit(db(), scope, { name: 'Tổ Công khai Dưới Nháp', kind: 'khac', parentId: ids.draftUnit, isPublishing: true })).id;
    ids.goneUnit = (await createUnit(db(), scope, { name: 'Phòng Đã Giải Thể', kind: 'phong_chuyen_mon', parentId: ids.boardId, isPublishing: true })).id;
    await unpublishUnit(db(), scope, { unitId: ids.goneUnit });
    await createOfficial(db(), scope, { fullName: 'Cán Bộ Nháp Kín', positionTitle: 'Phó Giám đốc Sở', unitId: ids.boardId, isLeader: true, leaderOrder: 9, isContactPoint: true });
    const left = await createOfficial(db(), scope, { fullName: 'Người Đã Nghỉ Hưu', positionTitle: 'Phó Giám đốc Sở', unitId: ids.boardId, isLeader: true, isContactPoint: true, isPublishing: true });
    await unpublishOfficial(db(), scope, { officialId: left.id });
    // A name typed with markup: shown as text, never as markup.
    await createUnit(db(), scope, { name: 'Tổ <script>alert(1)</script> "Kiểm tra"', kind: 'khac', parentId: ids.boardId, isPublishing: true });
  });
  afterAll(async () => portal.close());

  const SECRETS = ['Phòng Dự thảo Bí mật', 'Phòng Đã Giải Thể', 'Cán Bộ Nháp Kín', 'Người Đã Nghỉ Hưu', 'phong-du-thao-bi-mat', 'phong-da-giai-the'];
  const expectNoSecrets = (html: string, url: string) => {
    for (const secret of SECRETS) expect(html, `${url}: ${secret}`).not.toContain(secret);
  };

  it('shows the overview, chart, units, leaders and contacts as cached pages, never a draft or unpublished item', async () => {
    for (const url of ['/co-quan', '/co-cau-to-chuc', '/co-cau-to-chuc/ban-giam-doc', '/lanh-dao', '/lien-he']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers.etag, url).toBeTruthy();
      expectNoSecrets(page.body, url);
      expect(page.body, url).not.toContain('<script>alert(1)</script>');
      expect(main(page.body), url).toMatch(/Cập nhật: <time datetime="\d{4}-\d{2}-\d{2}T[\d:.]+Z">\d{2}\/\d{2}\/\d{4}<\/time>/);
    }
    for (const url of ['/co-cau-to-chuc/phong-du-thao-bi-mat', '/co-cau-to-chuc/phong-da-giai-the', '/co-cau-to-chuc/khong-co', '/co-cau-to-chuc/Ban-Giam-Doc', '/co-cau-to-chuc/a..b', `/co-cau-to-chuc/${'a'.repeat(300)}`, '/co-cau-to-chuc/%3Cscript%3E']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.body, url).not.toContain('<script>alert');
    }
  });

  it('draws the chart as nested lists: the board, its units in columns by kind, a unit under a draft parent moved up', async () => {
    const body = main((await get('/co-cau-to-chuc')).body);
    expect(body).toContain('<li class="org-chart__root"><a class="org-chart__box org-chart__box--ban_giam_doc" href="/co-cau-to-chuc/ban-giam-doc">Ban Giám đốc Sở</a><ul class="org-chart__columns">');
    expect(body).toContain('<span class="org-chart__group">Các phòng chuyên môn, nghiệp vụ</span>');
    expect(body).toMatch(/Trung tâm Dịch vụ việc làm<\/a><ul class="org-chart__sub"><li><a class="org-chart__box org-chart__box--khac" href="\/co-cau-to-chuc\/san-giao-dich-viec-lam">Sàn giao dịch việc làm<\/a>/);
    // Its parent is a draft: the published unit hangs from the board instead.
    expect(body).toContain('href="/co-cau-to-chuc/to-cong-khai-duoi-nhap">Tổ Công khai Dưới Nháp</a>');
    expect(body).toContain('Tổ &lt;script>alert(1)&lt;/script> &quot;Kiểm tra&quot;');
    // The list by kind, with phones as tel: links.
    expect(body).toContain('<a href="/co-cau-to-chuc/van-phong-so">Văn phòng Sở</a> · Điện thoại: <a href="tel:02603862347">0260 3862 347</a>');
  });

  it('shows a unit with its functions, people, sub-units and contacts', async () => {
    const body = main((await get('/co-cau-to-chuc/trung-tam-dich-vu-viec-lam')).body);
    expect(body).toContain('<h1 id="tieu-de-don-vi" class="section-title">Trung tâm Dịch vụ việc làm</h1>');
    expect(body).toContain('Đơn vị trực thuộc · Trực thuộc: <a href="/co-cau-to-chuc/ban-giam-doc">Ban Giám đốc Sở</a>');
    expect(body).toContain('Tư vấn, giới thiệu việc làm miễn phí');
    expect(body).toContain('<caption class="visually-hidden">Lãnh đạo và cán bộ của Trung tâm Dịch vụ việc làm</caption>');
    expect(body).toMatch(/<th scope="row">Võ Minh Tuấn<\/th><td>Giám đốc Trung tâm<\/td><td><a href="tel:02603913686">0260 3913 686<\/a><\/td><td><a href="mailto:vmtuan.ttdvvl@kontum.gov.vn">/);
    expect(body).toContain('<a href="/co-cau-to-chuc/san-giao-dich-viec-lam">Sàn giao dịch việc làm</a>');
  });

  it('lists the leaders in order with photo, position, fields in charge, phone and e-mail', async () => {
    const body = main((await get('/lanh-dao')).body);
    const order = ['A Kang', 'Nguyễn Hữu Phước', 'Y Liên', 'Trần Thị Minh Nguyệt'].map((name) => body.indexOf(`<h2>${name}</h2>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toMatch(/<img src="\/media\/[0-9a-f-]+\/\d+\.jpg"[^>]* alt="Ảnh A Kang"/);
    expect(body).toContain('<li>Lao động, việc làm, giáo dục nghề nghiệp</li>');
    expect(body).toContain('<a href="mailto:akang.sldtbxh@kontum.gov.vn">akang.sldtbxh@kontum.gov.vn</a>');
    expect(body).not.toContain('Chánh Văn phòng');
  });

  it('gives the contacts: the site settings, the profile’s map and hours, contact officials by unit, unit phones', async () => {
    const body = main((await get('/lien-he')).body);
    expect(body).toContain('<dt>Địa chỉ</dt><dd>123 Trần Hưng Đạo, TP. Kon Tum</dd>');
    expect(body).toContain('<dt>Fax</dt><dd>0260 3862 001</dd>');
    expect(body).toContain('<a href="https://www.openstreetmap.org/?mlat=14.3545&amp;mlon=108.0076#map=17/14.3545/108.0076" rel="noopener noreferrer">Xem vị trí trên bản đồ</a>');
    expect(body).toContain('Sáng: 7 giờ 00 đến 11 giờ 30<br/>');
    expect(body).toContain('<caption>Cán bộ đầu mối liên hệ theo đơn vị</caption>');
    expect(body).toMatch(/<tbody><tr><th scope="colgroup" colspan="4"><a href="\/co-cau-to-chuc\/van-phong-so">Văn phòng Sở<\/a><\/th><\/tr>(<tr id="can-bo-[0-9a-f]{8}">.*?<\/tr>)*<tr id="can-bo-[0-9a-f]{8}"><th scope="row">Phạm Quốc Bảo<\/th>/);
    expect(body).toContain('<caption class="visually-hidden">Điện thoại và thư điện tử của các đơn vị</caption>');
    // schema.org for machines: the organisation with its fax and map, the leaders as its people.
    const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    const organisation = jsonLd((await get('/lien-he')).body).find((o) => o['@type'] === 'GovernmentOrganization')!;
    expect(organisation).toMatchObject({ faxNumber: '0260 3862 001', hasMap: expect.stringMatching(/^https:\/\/www\.openstreetmap\.org\//), url: 'http://localhost:3000/co-quan' });
    const leaders = jsonLd((await get('/lanh-dao')).body).find((o) => o['@type'] === 'GovernmentOrganization')!;
    expect((leaders.employee as { name: string; jobTitle: string }[])[0]).toMatchObject({ name: 'A Kang', jobTitle: 'Giám đốc Sở' });
    expect(JSON.stringify(leaders)).not.toMatch(/Nháp Kín|Nghỉ Hưu/);
  });

  it('serves English pages only on a site with English, with the Vietnamese text marked where none was entered', async () => {
    expect((await get('/en/co-cau-to-chuc')).statusCode).toBe(404);
    await changeSiteContent(db(), siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en', english_name: 'Kon Tum Department of Labour, Invalids and Social Affairs' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
    try {
      const chart = await get('/en/co-cau-to-chuc');
      expect(chart.statusCode).toBe(200);
      expect(chart.body).toContain('<html lang="en">');
      const body = main(chart.body);
      expect(body).toContain('<h1 id="tieu-de-co-cau" class="section-title">Organisational structure</h1>');
      expect(body).toContain('<a class="org-chart__box org-chart__box--phong_chuyen_mon" href="/en/co-cau-to-chuc/phong-nguoi-co-cong">Division for People with Meritorious Services</a>');
      // No English name entered: the Vietnamese one, marked.
      expect(body).toContain('href="/en/co-cau-to-chuc/to-cong-khai-duoi-nhap"><span lang="vi">Tổ Công khai Dưới Nháp</span></a>');
      expectNoSecrets(chart.body, '/en/co-cau-to-chuc');
      const contact = main((await get('/en/lien-he')).body);
      expect(contact).toContain('<dt>Address</dt><dd>75 Phan Dinh Phung Street, Quyet Thang Ward, Kon Tum City, Kon Tum Province</dd>');
      expect(contact).toContain('Monday to Friday, except public holidays');
      const leaders = main((await get('/en/lanh-dao')).body);
      expect(leaders).toContain('<p class="agency-person__position">Deputy Director</p>');
      expect(leaders).toContain('<li>Labour, employment and vocational training</li>');
      expect((await get('/en/co-quan')).body).toContain('founded when Kon Tum province was re-established in 1991');
      expect((await get('/en/co-cau-to-chuc/trung-tam-dich-vu-viec-lam')).body).toContain('<h1 id="tieu-de-don-vi" class="section-title">Employment Service Centre</h1>');
      // The Vietnamese page points at its English twin and back.
      expect((await get('/co-cau-to-chuc')).body).toContain('hreflang="en" href="http://localhost:3000/en/co-cau-to-chuc"');
      expect((await get('/en/co-cau-to-chuc/phong-du-thao-bi-mat')).statusCode).toBe(404);
    } finally {
      await changeSiteContent(db(), siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi' }).where('id', '=', siteId).execute());
      await portal.app.services.sites.reload();
    }
  });

  it('puts published units, leaders and contact officials in search, and takes them out when unpublished', async () => {
    const find = async (query: string) => (await searchSite(db(), { siteId, query, types: ['agency'], now: new Date() })).hits.map((h) => h.url);
    expect(await find('phong nguoi co cong')).toContain('/co-cau-to-chuc/phong-nguoi-co-cong');
    expect((await find('Nguyễn Hữu Phước')).some((url) => url.startsWith('/lanh-dao#can-bo-'))).toBe(true);
    expect(await find('Phạm Quốc Bảo')).toContain('/co-cau-to-chuc/van-phong-so');
    for (const secret of ['Bí mật', 'Giải Thể', 'Nháp Kín', 'Nghỉ Hưu']) expect(await find(secret), secret).toEqual([]);
    const page = main((await get('/tim-kiem?q=phong+nguoi+co+cong')).body);
    expect(page).toContain('href="/co-cau-to-chuc/phong-nguoi-co-cong"');
    // The reindex source gives the same records: published ones only.
    const records = [];
    for await (const record of agencySearchSource.listRecords(db(), siteId)) records.push(record);
    expect(records.length).toBe(await agencySearchSource.countRecords!(db(), siteId));
    expect(JSON.stringify(records)).not.toMatch(/Bí mật|Giải Thể|Nháp Kín|Nghỉ Hưu/);

    const unit = (await db().selectFrom('agency_units').select('id').where('slug', '=', 'phong-nguoi-co-cong').executeTakeFirstOrThrow()).id;
    const before = await get('/co-cau-to-chuc');
    await unpublishUnit(db(), operatorScope(siteId), { unitId: unit });
    expect(await find('phong nguoi co cong')).not.toContain('/co-cau-to-chuc/phong-nguoi-co-cong');
    // The cached chart is rendered again for the new content version.
    const after = await get('/co-cau-to-chuc');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).not.toContain('phong-nguoi-co-cong');
    expect((await get('/co-cau-to-chuc/phong-nguoi-co-cong')).statusCode).toBe(404);
    // Its head, a contact official, now points at the contact page.
    expect(await find('A Thái')).toEqual(['/lien-he']);
    await publishUnit(db(), operatorScope(siteId), { unitId: unit });
    expect(await find('A Thái')).toEqual(['/co-cau-to-chuc/phong-nguoi-co-cong']);
  });

  it('answers a renamed unit’s old address with 301, in both languages', async () => {
    const unit = (await db().selectFrom('agency_units').select('id').where('slug', '=', 'thanh-tra-so').executeTakeFirstOrThrow()).id;
    await saveUnit(db(), operatorScope(siteId), { unitId: unit, fields: { slug: 'thanh-tra' } });
    const old = await get('/co-cau-to-chuc/thanh-tra-so');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/co-cau-to-chuc/thanh-tra');
    expect((await get('/co-cau-to-chuc/thanh-tra')).statusCode).toBe(200);
    await changeSiteContent(db(), siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
    try {
      const english = await get('/en/co-cau-to-chuc/thanh-tra-so');
      expect(english.statusCode).toBe(301);
      expect(english.headers.location).toBe('/en/co-cau-to-chuc/thanh-tra');
    } finally {
      await changeSiteContent(db(), siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi' }).where('id', '=', siteId).execute());
      await portal.app.services.sites.reload();
    }
  });

  it('shows the library images of a unit’s functions as pictures, and refuses another site’s', async () => {
    const image = (await db().selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').executeTakeFirstOrThrow()).id;
    const scope = operatorScope(siteId);
    await createUnit(db(), scope, { name: 'Tổ Có Ảnh', parentId: ids.boardId, isPublishing: true, functionsHtml: `<p>Trụ sở:</p><figure><img data-media-id="${image}" alt="Trụ sở tổ"><figcaption>Trụ sở</figcaption></figure>` });
    const body = main((await get('/co-cau-to-chuc/to-co-anh')).body);
    expect(body).toMatch(new RegExp(`<picture><source type="image/webp" srcset="/media/${image}/`));
    expect(body).toContain('alt="Trụ sở tổ"');
    expect(body).not.toContain('data-media-id');
    const other = (await db().selectFrom('media').select('id').where('site_id', '!=', siteId).executeTakeFirst())?.id ?? '00000000-0000-4000-8000-000000000000';
    await expect(createUnit(db(), scope, { name: 'Tổ Ảnh Lạ', functionsHtml: `<figure><img data-media-id="${other}" alt="x"></figure>` })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'functionsHtml' });
  });

  it('answers the pages of a site that has entered nothing yet, saying so, with the site’s own contacts', async () => {
    await createSite(db(), { host: 'phong-moi.kontum.gov.vn', name: 'Phòng Mới Thành Lập', phone: '0260 3999 999' });
    await portal.app.services.sites.reload();
    const on = (url: string) => portal.app.inject({ url, headers: { host: 'phong-moi.kontum.gov.vn' } });
    expect(main((await on('/co-quan')).body)).toContain('Chưa có thông tin.');
    expect(main((await on('/co-cau-to-chuc')).body)).toContain('Chưa có thông tin cơ cấu tổ chức.');
    expect(main((await on('/lanh-dao')).body)).toContain('Chưa có thông tin lãnh đạo.');
    const contact = main((await on('/lien-he')).body);
    expect(contact).toContain('<a href="tel:02603999999">0260 3999 999</a>');
    expect(contact).toContain('Chưa có cán bộ đầu mối nào được công bố.');
    // Nothing of the other agency leaks across sites.
    expect(contact).not.toContain('Văn phòng Sở');
    expect((await on('/co-cau-to-chuc/van-phong-so')).statusCode).toBe(404);
  });
});
