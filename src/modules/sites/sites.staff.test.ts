// The site settings use-case of sites.staff.ts: the role matrix, the checks on every field,
// the audit log, and SiteDirectory.whenLoaded, which the settings screen waits on.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { importImage, uploadMedia } from '../media/index.js';
import { SiteDirectory, createSite } from './sites.service.js';
import { getSiteSettings, updateSiteSettings, type SiteSettingsInput } from './sites.staff.js';

function scopeOf(siteId: string, role: string | null): RequestScope {
  const actor: Actor | null = role ? { id: `user-${role}`, label: `${role}@so.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' } : null;
  return { siteId, actor, clientIp: '203.0.113.9', now: new Date('2026-03-02T03:00:00Z') };
}

const SETTINGS: SiteSettingsInput = {
  name: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum',
  governingBody: 'Ủy ban nhân dân tỉnh Kon Tum',
  englishName: 'Kon Tum Department of Labour, Invalids and Social Affairs',
  address: '123 Trần Hưng Đạo, TP. Kon Tum',
  phone: '(0260) 3.862.000',
  fax: '0260 3862 001',
  email: 'sldtbxh@kontum.gov.vn',
  responsiblePerson: 'Ông Nguyễn Văn An, Giám đốc Sở',
  licence: 'Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 01/02/2024.',
  logoMediaId: null,
  origin: 'https://SLDTBXH.kontum.gov.vn/',
};

describe.each(ENGINES)('site settings on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let admin: RequestScope;
  let logoId: string;
  let foreignImageId: string;
  let documentId: string;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    const mediaDir = path.join(testDb.dataDir, 'media');
    siteId = await createSite(db, { host: 'localhost', name: 'Sở' });
    otherSiteId = await createSite(db, { host: 'phong.kontum.gov.vn', name: 'Phòng' });
    admin = scopeOf(siteId, 'admin');
    const bytes = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#c8102e' } }).png().toBuffer();
    logoId = (await importImage(db, mediaDir, { siteId, bytes, alt: 'Logo' })).id;
    foreignImageId = (await importImage(db, mediaDir, { siteId: otherSiteId, bytes, alt: 'Logo khác' })).id;
    documentId = (await uploadMedia(db, mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf(), originalName: 'Quy chế.pdf' })).id;
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await testDb.db.kysely.deleteFrom('audit_log').execute();
  });

  it.each(['author', 'editor', 'chief_editor'])('refuses a %s reading or saving the settings', async (role) => {
    const scope = scopeOf(siteId, role);
    await expect(getSiteSettings(testDb.db.kysely, scope)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateSiteSettings(testDb.db.kysely, scope, SETTINGS)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateSiteSettings(testDb.db.kysely, scopeOf(siteId, null), SETTINGS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await getSiteSettings(testDb.db.kysely, admin)).name).not.toBe(SETTINGS.name);
  });

  it('saves every field, normalised, audited with what changed, raising the content version', async () => {
    const db = testDb.db.kysely;
    const before = (await db.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version;
    const { settings, contentVersion } = await updateSiteSettings(db, admin, { ...SETTINGS, logoMediaId: logoId, name: `  ${SETTINGS.name}\n` });
    expect(settings).toEqual({ ...SETTINGS, host: 'localhost', logoMediaId: logoId, origin: 'https://sldtbxh.kontum.gov.vn', languages: ['vi'] });
    expect(await getSiteSettings(db, admin)).toEqual(settings);
    expect(contentVersion).toBeGreaterThan(Number(before));
    const entries = await db.selectFrom('audit_log').select(['action', 'target_id', 'detail']).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'site.settings_updated', target_id: siteId });
    expect(JSON.parse(entries[0]!.detail).changed.name).toEqual({ from: 'Sở', to: SETTINGS.name });
    // The other site is untouched; an empty origin and logo clear them.
    expect((await getSiteSettings(db, scopeOf(otherSiteId, 'admin'))).name).toBe('Phòng');
    const cleared = await updateSiteSettings(db, admin, { ...SETTINGS, origin: '', logoMediaId: null });
    expect(cleared.settings).toMatchObject({ origin: '', logoMediaId: null });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['a name of 10,000 characters', { name: 'S'.repeat(10_000) }, 'name'],
    ['a name with a control character', { name: 'Sở\u0000' }, 'name'],
    ['an address with a bidi override', { address: 'Kon Tum \u202e' }, 'address'],
    ['an e-mail without @', { email: 'sldtbxh.kontum.gov.vn' }, 'email'],
    ['an e-mail with a space', { email: 'sl dt@kontum.gov.vn' }, 'email'],
    ['an e-mail with two @', { email: 'a@b@kontum.gov.vn' }, 'email'],
    ['a phone number with letters', { phone: 'gọi tôi' }, 'phone'],
    ['a fax of 51 characters', { fax: '0'.repeat(51) }, 'fax'],
    ['a licence of 1,001 characters', { licence: 'x'.repeat(1_001) }, 'licence'],
    ['an origin with a path', { origin: 'https://sldtbxh.kontum.gov.vn/tin-tuc' }, 'origin'],
    ['a javascript: origin', { origin: 'javascript:alert(1)' }, 'origin'],
    ['a logo of nothing', { logoMediaId: 'no-such-media' }, 'logoMediaId'],
    ['a logo of another site', { logoMediaId: 'FOREIGN' }, 'logoMediaId'],
    ['a logo that is a document', { logoMediaId: 'DOCUMENT' }, 'logoMediaId'],
  ] as [string, Partial<SiteSettingsInput>, string][])('refuses %s with the field and a Vietnamese message, changing nothing', async (_, extra, field) => {
    const db = testDb.db.kysely;
    const before = await getSiteSettings(db, admin);
    const logoMediaId = extra.logoMediaId === 'FOREIGN' ? foreignImageId : extra.logoMediaId === 'DOCUMENT' ? documentId : extra.logoMediaId;
    const input = { ...SETTINGS, ...extra, ...(logoMediaId === undefined ? {} : { logoMediaId }) } as SiteSettingsInput;
    const error = await updateSiteSettings(db, admin, input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
    expect((error as Error).message).toMatch(/[ảạđóôơưếệộờ]/);
    expect(await getSiteSettings(db, admin)).toEqual(before);
    expect(await db.selectFrom('audit_log').select('id').execute()).toEqual([]);
  });

  it('lets a directory be waited on until it has read a content version', async () => {
    const db = testDb.db.kysely;
    const directory = new SiteDirectory(db);
    await directory.reload();
    const { contentVersion } = await updateSiteSettings(db, admin, { ...SETTINGS, name: 'Sở đã đổi tên' });
    const waiting = directory.whenLoaded(siteId, contentVersion, 5_000);
    expect(directory.resolve(undefined)?.name).not.toBe('Sở đã đổi tên');
    await directory.reload();
    expect(await waiting).toBe(true);
    expect(directory.resolve(undefined)?.name).toBe('Sở đã đổi tên');
    // Already read: at once. Never read: false after the time-out.
    expect(await directory.whenLoaded(siteId, contentVersion)).toBe(true);
    expect(await directory.whenLoaded(siteId, contentVersion + 1, 20)).toBe(false);
  });
});
