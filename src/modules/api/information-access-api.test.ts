import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { addInformationItem, seedDemoInformationAccess } from '../information-access/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('the information API on %s', (engine) => {
  let portal: TestPortal;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const siteId = portal.fixture.siteId;
    await seedDemoInformationAccess(db(), { siteId, now: new Date() });
    await addInformationItem(db(), operatorScope(siteId), { title: 'Mục ẩn của trang', link: '/van-ban', isPublished: '' });
    const other = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    await addInformationItem(db(), operatorScope(other), { title: 'Mục riêng của trang huyện', link: '/van-ban' });
  });
  afterAll(async () => portal.close());

  it('gives the focal point and the published list of this site only, never a request', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/information' });
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as { contact: { name: string } | null; items: { title: string; url: string; updatedOn: string }[]; requestFormUrl: string };
    expect(body.contact?.name).toBe('Bà Phạm Thị Hồng Nhung');
    expect(body.items.length).toBe(10);
    expect(body.items[0]!.url).toBe('http://localhost:3000/van-ban');
    expect(body.items[0]!.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.requestFormUrl).toBe('http://localhost:3000/tiep-can-thong-tin/yeu-cau');
    expect(answer.body).not.toContain('Mục ẩn của trang');
    expect(answer.body).not.toContain('Mục riêng của trang huyện');
    // The demo's requests carry names and citizen numbers: none of it leaks.
    expect(answer.body).not.toMatch(/Trần Văn Bình|062090004321|binh\.tran/);
    const etag = answer.headers.etag as string;
    expect((await portal.app.inject({ url: '/api/v1/information', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });

  it('gives another site its own list, with no focal point until it names one', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/information', headers: { host: 'huyen.example' } });
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as { contact: unknown; items: { title: string }[] };
    expect(body.contact).toBeNull();
    expect(body.items.map((i) => i.title)).toEqual(['Mục riêng của trang huyện']);
  });
});
