import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { uploadToLibrary } from '../media/index.js';
import { attachProcedureFile, createProcedure, ensureDefaultProcedureFields, listProcedureFields, seedDemoPublicServices, unpublishProcedure } from '../public-services/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('the public services API on %s', (engine) => {
  let portal: TestPortal;
  let slug2000286: string;
  const hiddenSlugs: string[] = [];
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const { siteId } = portal.fixture;
    const scope = operatorScope(siteId);
    await seedDemoPublicServices(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    const fieldId = (await listProcedureFields(db(), siteId))[0]!.id;
    const base = { fieldId, agency: 'Sở', documents: 'Đơn (1 bản chính)', timeLimit: '5 ngày', fee: 'Không' };
    hiddenSlugs.push((await createProcedure(db(), scope, { ...base, name: 'Bản nháp bí mật', code: '9.000001' })).slug);
    const gone = await createProcedure(db(), scope, { ...base, name: 'Thủ tục đã gỡ bí mật', code: '9.000002', isPublishing: true });
    await unpublishProcedure(db(), scope, { procedureId: gone.id });
    hiddenSlugs.push(gone.slug);
    // Another site's published procedure is never this site's.
    const other = await createSite(db(), { host: 'so-khac.example.vn', name: 'Sở khác' });
    await ensureDefaultProcedureFields(db(), { siteId: other, now: new Date() });
    const otherField = (await listProcedureFields(db(), other))[0]!.id;
    hiddenSlugs.push((await createProcedure(db(), operatorScope(other), { ...base, fieldId: otherField, name: 'Thủ tục của sở khác', code: '9.000003', isPublishing: true })).slug);
    // A second form to download on the procedure 2.000286 (the demo gives it one).
    const row = await db().selectFrom('procedures').select(['id', 'slug']).where('site_id', '=', siteId).where('code', '=', '2.000286').executeTakeFirstOrThrow();
    slug2000286 = row.slug;
    const media = await uploadToLibrary(db(), `${portal.testDb.dataDir}/media`, scope, { bytes: minimalPdf('To khai'), originalName: 'Hướng dẫn ghi tờ khai.pdf' });
    await attachProcedureFile(db(), scope, { procedureId: row.id, mediaId: media.id });
  });
  afterAll(async () => portal.close());

  const get = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ url: `/api/v1${url}`, headers });

  it('lists published procedures only, in field order, with the filters combined', async () => {
    const list = await get('/procedures?limit=50');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = list.json() as { total: number; pageCount: number; items: { slug: string; code: string; field: string; url: string; portalUrl: string }[] };
    expect(body.total).toBe(15);
    expect(body.items[0]).toMatchObject({ field: 'Việc làm', url: expect.stringMatching(/^http:\/\/localhost:3000\/thu-tuc-hanh-chinh\//), portalUrl: expect.stringMatching(/^https:\/\/dichvucong\.gov\.vn\//) });
    const text = JSON.stringify(body);
    for (const secret of ['bí mật', 'sở khác', '9.00000']) expect(text).not.toContain(secret);
    expect((await get('/procedures?field=nguoi-co-cong&level=province')).json().total).toBe(3);
    expect((await get('/procedures?online=full&field=viec-lam')).json().total).toBe(3);
    expect((await get('/procedures?level=commune')).json().items.map((i: { code: string }) => i.code)).toEqual(['1.004946']);
    expect((await get('/procedures?q=tro+cap+that+nghiep')).json().items.map((i: { code: string }) => i.code)).toContain('1.001978');
    expect((await get('/procedures?q=2.000286')).json().items.map((i: { code: string }) => i.code)).toEqual(['2.000286']);
    expect((await get('/procedures?field=khong-co')).json().total).toBe(0);
    expect((await get('/procedures?maxDays=5')).json().total).toBe(6);
    expect((await get('/procedures?maxDays=0&level=commune')).json().items.map((i: { timeLimitDays: number }) => i.timeLimitDays)).toEqual([0]);
    const paged = (await get('/procedures?limit=10&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageCount: 2 });
    expect(paged.items).toHaveLength(5);
  });

  it('gives one procedure with its ordered documents, forms and portal link, and an ETag', async () => {
    const one = await get(`/procedures/${slug2000286}`);
    expect(one.statusCode).toBe(200);
    const body = one.json();
    expect(body).toMatchObject({
      code: '2.000286',
      level: 'district',
      onlineLevel: 'full',
      field: 'Bảo trợ xã hội',
      fee: 'Không',
      timeLimitDays: 22,
      portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286',
      documents: [
        { name: 'Tờ khai đề nghị trợ giúp xã hội theo mẫu tại Nghị định 20/2021/NĐ-CP', originals: 1, copies: 0 },
        { name: 'Giấy xác nhận khuyết tật, nếu là người khuyết tật', originals: 0, copies: 1 },
      ],
      attachments: [
        { name: 'Tờ khai đề nghị trợ giúp xã hội.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', url: expect.stringMatching(/^http:\/\/localhost:3000\/media\//) },
        { name: 'Hướng dẫn ghi tờ khai.pdf', mime: 'application/pdf', url: expect.stringMatching(/^http:\/\/localhost:3000\/media\//) },
      ],
    });
    expect(body.stepsHtml).toContain('<ol>');
    expect((await get(`/procedures/${slug2000286}`, { 'if-none-match': one.headers.etag as string })).statusCode).toBe(304);
  });

  it('documents both endpoints in the OpenAPI description', async () => {
    const paths = (await portal.app.inject({ url: '/api/docs/json' })).json().paths as Record<string, { get: { tags: string[] } }>;
    expect(paths['/api/v1/procedures']!.get.tags).toEqual(['Công khai']);
    expect(paths['/api/v1/procedures/{slug}']).toBeDefined();
  });

  it('answers hidden procedures 404 and bad input 400, always as {error:{code,message}}', async () => {
    const cases: [string, number][] = [
      ...hiddenSlugs.map((slug): [string, number] => [`/procedures/${slug}`, 404]),
      ['/procedures/khong-co', 404],
      ['/procedures/%3Cscript%3E', 404],
      [`/procedures/${'a'.repeat(300)}`, 400],
      ['/procedures?level=tinh', 400],
      ['/procedures?online=4', 400],
      ['/procedures?limit=0', 400],
      ['/procedures?limit=51', 400],
      ['/procedures?page=abc', 400],
      ['/procedures?page=0', 400],
      ['/procedures?maxDays=-1', 400],
      ['/procedures?maxDays=1.5', 400],
      [`/procedures?q=${'a'.repeat(201)}`, 400],
      [`/procedures?field=${'a'.repeat(101)}`, 400],
    ];
    for (const [url, status] of cases) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(status);
      const error = answer.json().error;
      expect(error.code, url).toMatch(/^[A-Z_]+$/);
      expect(error.message, url).toBeTruthy();
    }
    // Odd but harmless queries are answered, never with a 500.
    expect((await get('/procedures?q=%00')).statusCode).toBe(400);
    for (const url of ['/procedures?q=%FF%FE', '/procedures?q=%3Cscript%3E', '/procedures?q=%25%25%25', '/procedures?q=_']) expect((await get(url)).statusCode, url).toBe(200);
  });
});
