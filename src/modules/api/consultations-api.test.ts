import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createConsultation, seedDemoConsultations, unpublishConsultation } from '../consultations/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('the consultations API on %s', (engine) => {
  let portal: TestPortal;
  const db = () => portal.testDb.db.kysely;
  const hour = 3_600_000;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoConsultations(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    await createConsultation(db(), scope, { title: 'Dự thảo nháp', slug: 'du-thao-nhap', opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + hour).toISOString() });
    const gone = await createConsultation(db(), scope, { title: 'Dự thảo đã gỡ', slug: 'du-thao-da-go', opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + hour).toISOString(), isPublishing: true });
    await unpublishConsultation(db(), scope, { consultationId: gone.id });
    const other = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    await createConsultation(db(), operatorScope(other), { title: 'Dự thảo của huyện', slug: 'du-thao-cua-huyen', opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + hour).toISOString(), isPublishing: true });
  });
  afterAll(async () => portal.close());

  it('lists published consultations only, open first, filtered by status', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/consultations' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.etag).toBeTruthy();
    const body = answer.json();
    expect(body.items.map((i: { slug: string }) => i.slug)).toEqual(['ke-hoach-ho-tro-viec-lam-2027', 'quy-dinh-ho-tro-nguoi-cao-tuoi-co-don']);
    expect(body.items[0]).toMatchObject({ status: 'open', hasReport: false, url: 'http://localhost:3000/du-thao/ke-hoach-ho-tro-viec-lam-2027' });
    expect(body.items[1]).toMatchObject({ status: 'closed', hasReport: true });
    expect((await portal.app.inject({ url: '/api/v1/consultations?status=closed' })).json().items.map((i: { slug: string }) => i.slug)).toEqual(['quy-dinh-ho-tro-nguoi-cao-tuoi-co-don']);
    for (const query of ['status=dong', 'status=%3Cscript%3E', 'status=open&status=closed']) {
      const bad = await portal.app.inject({ url: `/api/v1/consultations?${query}` });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code).toBeTruthy();
    }
  });

  it('gives one consultation with its files and published report, never comments or contact details', async () => {
    const open = await portal.app.inject({ url: '/api/v1/consultations/ke-hoach-ho-tro-viec-lam-2027' });
    expect(open.statusCode).toBe(200);
    const body = open.json();
    expect(body.attachments[0]).toMatchObject({ name: 'du-thao-ke-hoach-ho-tro-viec-lam-2027.pdf', mime: 'application/pdf' });
    expect(body.reportHtml).toBe('');
    expect(open.body).not.toContain('minh.tran@gmail.com');
    expect(open.body).not.toContain('Trần Văn Minh');
    expect(open.body).not.toContain('comments');
    const closed = (await portal.app.inject({ url: '/api/v1/consultations/quy-dinh-ho-tro-nguoi-cao-tuoi-co-don' })).json();
    expect(closed.reportHtml).toContain('Ý kiến được tiếp thu');
    for (const slug of ['du-thao-nhap', 'du-thao-da-go', 'du-thao-cua-huyen', 'khong-co', 'x'.repeat(300)]) {
      const answer = await portal.app.inject({ url: `/api/v1/consultations/${slug}` });
      expect([400, 404], slug.slice(0, 20)).toContain(answer.statusCode);
      expect(answer.json().error.code).toBeTruthy();
    }
  });
});
