import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createProject, PROJECT_STATUSES, seedDemoProjects, unpublishProject } from '../projects/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('the projects API on %s', (engine) => {
  let portal: TestPortal;
  let goneSlug: string;
  let draftSlug: string;
  let otherSiteSlug: string;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoProjects(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    draftSlug = (await createProject(db(), scope, { kind: 'tender', name: 'Gói thầu nháp chưa công bố', owner: 'Sở' })).slug;
    const gone = await createProject(db(), scope, { kind: 'project', name: 'Dự án đã gỡ xuống', owner: 'Sở', isPublishing: true });
    await unpublishProject(db(), scope, { projectId: gone.id });
    goneSlug = gone.slug;
    const other = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    otherSiteSlug = (await createProject(db(), operatorScope(other), { kind: 'project', name: 'Dự án của trang huyện', owner: 'UBND huyện', isPublishing: true })).slug;
  });
  afterAll(async () => portal.close());

  it('lists published items only, newest first, with money as whole đồng', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/projects?limit=50' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.etag).toBeTruthy();
    const body = answer.json();
    expect(body.total).toBe(8);
    const slugs = body.items.map((i: { slug: string }) => i.slug);
    expect(slugs).not.toContain(draftSlug);
    expect(slugs).not.toContain(goneSlug);
    expect(slugs).not.toContain(otherSiteSlug);
    const centre = body.items.find((i: { slug: string }) => i.slug === 'cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh');
    expect(centre).toMatchObject({ kind: 'project', budget: 14_800_000_000, status: 'in_progress', startsOn: '2025-04-15', endsOn: '2027-06-30', closesAt: null, url: 'http://localhost:3000/du-an-dau-thau/cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh' });
    const awarded = body.items.find((i: { slug: string }) => i.slug === 'goi-thau-so-02-thi-cong-khoi-nha-o-doi-tuong');
    expect(awarded).toMatchObject({ kind: 'tender', status: 'awarded', winner: 'Công ty TNHH Xây dựng Ngọc Linh', winningPrice: 11_426_500_000, closesAt: '2025-03-03T02:00:00.000Z' });
    const again = await portal.app.inject({ url: '/api/v1/projects?limit=50', headers: { 'if-none-match': answer.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('filters by kind, status, year and words', async () => {
    const tenders = (await portal.app.inject({ url: '/api/v1/projects?kind=tender' })).json();
    expect(tenders.items.map((i: { kind: string }) => i.kind)).toEqual(['tender', 'tender']);
    const open = (await portal.app.inject({ url: '/api/v1/projects?status=open' })).json();
    expect(open.items.map((i: { slug: string }) => i.slug)).toEqual(['goi-thau-so-05-thiet-bi-dao-tao-nghe-dien-dan-dung-va-han']);
    expect((await portal.app.inject({ url: '/api/v1/projects?year=2023' })).json().total).toBe(1);
    expect((await portal.app.inject({ url: '/api/v1/projects?q=chuyen+doi+so' })).json().items[0].slug).toBe('mua-sam-may-tinh-may-in-nam-2026');
    // Every status the module knows is accepted by the schema.
    for (const status of PROJECT_STATUSES) expect((await portal.app.inject({ url: `/api/v1/projects?status=${status}` })).statusCode, status).toBe(200);
  });

  it('gives one item with its files, and 404 for drafts, unpublished items and other sites\' items', async () => {
    const item = await portal.app.inject({ url: '/api/v1/projects/mua-sam-may-tinh-may-in-nam-2026' });
    expect(item.statusCode).toBe(200);
    const body = item.json();
    expect(body.descriptionHtml).toContain('<p>Mua 30 máy tính');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({ name: 'Danh muc thiet bi mua sam 2026.pdf', mime: 'application/pdf' });
    expect(body.attachments[0].url).toMatch(/^http:\/\/localhost:3000\/media\//);
    for (const slug of [draftSlug, goneSlug, otherSiteSlug, 'khong-co']) {
      const answer = await portal.app.inject({ url: `/api/v1/projects/${slug}` });
      expect(answer.statusCode, slug).toBe(404);
      expect(answer.json().error.code, slug).toBe('NOT_FOUND');
      expect(answer.json().error.message, slug).toBe('Không tìm thấy dự án hoặc gói thầu.');
    }
  });

  it('is described in the OpenAPI document', async () => {
    const docs = await portal.app.inject({ url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    const paths = docs.json().paths as Record<string, { get?: { summary?: string; tags?: string[] } }>;
    expect(paths['/api/v1/projects']?.get?.tags).toEqual(['Công khai']);
    expect(paths['/api/v1/projects/{slug}']?.get?.summary).toContain('Một dự án, gói thầu');
  });

  it('answers every class of bad input with a 400 and a JSON error, never a 500', async () => {
    const bad = [
      'kind=thang',
      'kind=',
      'status=xong',
      'year=20x4',
      'year=1800',
      'year=3000',
      'page=0',
      'page=abc',
      'limit=0',
      'limit=51',
      `q=${'a'.repeat(201)}`,
    ];
    for (const query of bad) {
      const answer = await portal.app.inject({ url: `/api/v1/projects?${query}` });
      expect([400], query).toContain(answer.statusCode);
      expect(answer.json().error.code, query).toBeTruthy();
      expect(answer.json().error.message, query).toBeTruthy();
    }
    for (const query of ['q=%FF', 'q=%00', 'q=%3Cscript%3E', 'q=a&q=b', 'q=%E2%80%AE']) {
      const answer = await portal.app.inject({ url: `/api/v1/projects?${query}` });
      expect([200, 400], query).toContain(answer.statusCode);
      expect(answer.headers['content-type'], query).toMatch(/^application\/json/);
    }
    for (const slug of [`${'a'.repeat(201)}`, '%00', '..%2F..%2Fetc', '%3Cscript%3E']) {
      const answer = await portal.app.inject({ url: `/api/v1/projects/${slug}` });
      expect([400, 404], slug).toContain(answer.statusCode);
      expect(answer.json().error.message, slug).toBeTruthy();
    }
  });
});
