/**
 * /api/v1/agency, /agency/units and /agency/people on both engines: published content
 * only, the site's contacts beside the profile, the tree, ETags, and JSON errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createOfficial, createUnit, seedDemoAgency, unpublishUnit } from '../agency/index.js';

interface UnitJson {
  slug: string;
  name: string;
  url: string;
  children: UnitJson[];
}

describe.each(ENGINES)('the agency API on %s', (engine) => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const { siteId } = portal.fixture;
    const db = portal.testDb.db.kysely;
    const scope = operatorScope(siteId);
    await seedDemoAgency(db, { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    const board = (await db.selectFrom('agency_units').select('id').where('slug', '=', 'ban-giam-doc').executeTakeFirstOrThrow()).id;
    await createUnit(db, scope, { name: 'Phòng Nháp Chưa Công Bố', parentId: board });
    const gone = await createUnit(db, scope, { name: 'Phòng Đã Gỡ', parentId: board, isPublishing: true });
    await unpublishUnit(db, scope, { unitId: gone.id });
    await createOfficial(db, scope, { fullName: 'Cán Bộ Nháp', unitId: board, isLeader: true, isContactPoint: true });
  });
  afterAll(async () => portal.close());

  const get = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ url, headers });

  it('gives the profile with the site’s address, phones and e-mail', async () => {
    const answer = await get('/api/v1/agency');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.json()).toMatchObject({
      name: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum',
      address: '123 Trần Hưng Đạo, TP. Kon Tum',
      phone: '0260 3862 000',
      fax: '0260 3862 001',
      email: 'sldtbxh@kontum.gov.vn',
      mapUrl: 'https://www.openstreetmap.org/?mlat=14.3545&mlon=108.0076#map=17/14.3545/108.0076',
      url: 'http://localhost:3000/co-quan',
    });
    expect(answer.json().overviewHtml).toContain('<p>Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum là cơ quan chuyên môn');
    const etag = answer.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await get('/api/v1/agency', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('gives the published units as a tree, never a draft or unpublished one', async () => {
    const answer = await get('/api/v1/agency/units');
    expect(answer.statusCode).toBe(200);
    const items = answer.json().items as UnitJson[];
    expect(items.map((u) => u.slug)).toEqual(['ban-giam-doc']);
    const children = items[0]!.children;
    expect(children.map((u) => u.slug)).toContain('phong-nguoi-co-cong');
    const centre = children.find((u) => u.slug === 'trung-tam-dich-vu-viec-lam')!;
    expect(centre.url).toBe('http://localhost:3000/co-cau-to-chuc/trung-tam-dich-vu-viec-lam');
    expect(centre.children.map((u) => u.name)).toEqual(['Sàn giao dịch việc làm']);
    expect(answer.body).not.toMatch(/Nháp Chưa Công Bố|Đã Gỡ/);
  });

  it('gives the published people, filtered by role, with photo URLs', async () => {
    const all = await get('/api/v1/agency/people');
    expect(all.statusCode).toBe(200);
    const people = all.json().items as { fullName: string; isLeader: boolean; photo: string | null; unit: { url: string } | null; fieldsInCharge: string[] }[];
    expect(people[0]).toMatchObject({ fullName: 'A Kang', isLeader: true, fieldsInCharge: expect.arrayContaining(['Thanh tra, phòng, chống tham nhũng']) });
    expect(people[0]!.photo).toMatch(/^http:\/\/localhost:3000\/media\/[0-9a-f-]{36}\/\d+\.jpg$/);
    expect(all.body).not.toContain('Cán Bộ Nháp');
    const leaders = (await get('/api/v1/agency/people?role=leader')).json().items as { isLeader: boolean }[];
    expect(leaders).toHaveLength(4);
    expect(leaders.every((p) => p.isLeader)).toBe(true);
    const contacts = (await get('/api/v1/agency/people?role=contact')).json().items as { isContactPoint: boolean }[];
    expect(contacts.length).toBe(10);
    for (const url of ['/api/v1/agency/people?role=admin', '/api/v1/agency/people?role=%3Cscript%3E', '/api/v1/agency/people?role=leader&role=contact']) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().error.code, url).toBeTruthy();
      expect(answer.json().error.message, url).toBeTruthy();
    }
    expect((await get('/api/v1/agency/khong-co')).statusCode).toBe(404);
  });

  it('documents its endpoints in the OpenAPI description', async () => {
    const paths = Object.keys((await get('/api/docs/json')).json().paths as Record<string, unknown>);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/agency', '/api/v1/agency/units', '/api/v1/agency/people']));
  });
});
