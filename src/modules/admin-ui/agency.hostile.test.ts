/**
 * Hostile input through agency information: script in every plain-text field of a unit,
 * an official and the profile, published by the chief editor. Every page that shows them
 * (the five public pages in both languages, a unit's page, the API, the staff screens,
 * search results) shows them as text, and the rich text keeps only the allow-list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { changeSiteContent } from '../sites/index.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '\u0000<script>alert(1)</script>',
];

function expectInert(html: string, where: string): void {
  expect(html, where).not.toMatch(/<script>alert\(1\)<\/script>/);
  expect(html, where).not.toMatch(/<img src=x onerror/);
  expect(html, where).not.toMatch(/<svg onload/);
  expect(html, where).not.toMatch(/<iframe src="javascript:/);
  expect(html, where).not.toMatch(/<a href="javascript:/);
  // An event handler attribute inside a real tag (escaped text "&lt;img … onerror=" is harmless).
  expect(html, where).not.toMatch(/<[a-z][^<>]*\son(?:error|load|click)\s*=/i);
}

describe.each(ENGINES)('hostile agency input on %s', (engine) => {
  let portal: TestPortal;
  let chief: StaffClient;
  const pages: string[] = [];

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    const { siteId } = portal.fixture;
    await changeSiteContent(db, siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
    const { email } = await addStaff(db, siteId, 'chief_editor');
    chief = new StaffClient(portal.app, { 'x-forwarded-for': '198.51.100.7' });
    expect((await chief.login(email)).statusCode).toBe(303);
  });
  afterAll(async () => portal.close());

  it('stores every payload as inert text and shows it escaped everywhere', async () => {
    await chief.get('/admin/co-quan/thong-tin');
    const rich = PAYLOADS.map((p) => `<p onclick="alert(1)">${p}</p>`).join('');
    const profile = await chief.post('/admin/co-quan/thong-tin', { overviewHtml: rich, overviewEnHtml: rich, functionsHtml: rich, functionsEnHtml: rich, addressEn: PAYLOADS[1]!, mapUrl: '', officeHours: PAYLOADS.join('\n'), officeHoursEn: PAYLOADS.join('\n') });
    expect(profile.statusCode).toBe(303);

    let parentId = '';
    for (const [i, payload] of PAYLOADS.entries()) {
      await chief.get('/admin/co-quan/don-vi/moi');
      const unit = await chief.post('/admin/co-quan/don-vi', { name: `Đơn vị ${i} ${payload}`, nameEn: `Unit ${i} ${payload}`, kind: i === 0 ? 'ban_giam_doc' : 'phong_chuyen_mon', parentId, functionsHtml: rich, functionsEnHtml: rich, phone: '', email: '', position: String(i), slug: '', _action: 'publish' });
      expect(unit.statusCode, payload).toBe(303);
      const unitId = (unit.headers.location as string).split('?')[0]!.split('/').pop()!;
      if (i === 0) parentId = unitId;
      const slug = (await portal.testDb.db.kysely.selectFrom('agency_units').select('slug').where('id', '=', unitId).executeTakeFirstOrThrow()).slug;
      pages.push(`/co-cau-to-chuc/${slug}`, `/en/co-cau-to-chuc/${slug}`, `/admin/co-quan/don-vi/${unitId}`);
      await chief.get('/admin/co-quan/can-bo/moi');
      const official = await chief.post('/admin/co-quan/can-bo', {
        fullName: `Cán bộ ${i} ${payload}`,
        positionTitle: payload,
        positionEn: payload,
        unitId,
        phone: '',
        email: '',
        photoMediaId: '',
        fieldsInCharge: `${payload}\n${payload}`,
        fieldsInChargeEn: payload,
        isLeader: '1',
        leaderOrder: String(i),
        isContactPoint: '1',
        _action: 'publish',
      });
      expect(official.statusCode, payload).toBe(303);
      pages.push((official.headers.location as string).split('?')[0]!);
    }

    const stored = await portal.testDb.db.kysely.selectFrom('agency_units').select(['name', 'functions_html']).execute();
    for (const row of stored) {
      expect(row.functions_html).not.toMatch(/<script|onclick|<iframe|<svg|<img|javascript:/);
      expect(row.name).not.toContain('\u0000');
    }
    // The API is JSON: names come back as the text typed (without control characters), for the client to escape.
    const people = await portal.app.inject({ url: '/api/v1/agency/people' });
    expect(people.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(people.headers['x-content-type-options']).toBe('nosniff');
    expect((people.json().items as { fullName: string }[]).map((p) => p.fullName)).toContain('Cán bộ 6 <script>alert(1)</script>');
    for (const url of ['/co-quan', '/co-cau-to-chuc', '/lanh-dao', '/lien-he', '/en/co-quan', '/en/co-cau-to-chuc', '/en/lanh-dao', '/en/lien-he', '/tim-kiem?q=can+bo', '/admin/co-quan', '/admin/co-quan/thong-tin', ...pages]) {
      const answer = url.startsWith('/admin') ? await chief.get(url) : await portal.app.inject({ url });
      expect(answer.statusCode, url).toBe(200);
      expectInert(answer.body, url);
    }
    // The names are there, as text.
    expect((await portal.app.inject({ url: '/lanh-dao' })).body).toContain('Cán bộ 0 &lt;script>alert(1)&lt;/script>');
  });
});
