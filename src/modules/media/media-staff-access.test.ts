import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { createSite } from '../sites/index.js';
import { browseLibrary, describeLibraryItem, getLibraryItem, removeFromLibrary, uploadToLibrary } from './index.js';

// The staff use-cases of media-staff.service.ts: the role matrix and the audit log.

function scopeOf(siteId: string, role: string | null): RequestScope {
  const actor: Actor | null = role ? { id: `user-${role}`, label: `${role}@so.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' } : null;
  return { siteId, actor, clientIp: '203.0.113.7', now: new Date('2026-03-02T03:00:00Z') };
}

describe.each(ENGINES)('the library for staff on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let mediaDir: string;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở Tư pháp' });
    mediaDir = path.join(testDb.dataDir, 'media');
  });
  afterAll(async () => testDb.destroy());

  const audit = () => testDb.db.kysely.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'ip', 'site_id']).orderBy('created_at').orderBy('action').execute();

  it('lets each role do what the matrix says, and logs every change', async () => {
    const db = testDb.db.kysely;
    const author = scopeOf(siteId, 'author');
    const media = await uploadToLibrary(db, mediaDir, author, { bytes: minimalPdf(), originalName: 'Kế hoạch.pdf' });
    expect(media).toMatchObject({ uploadedBy: 'user-author', createdAt: '2026-03-02T03:00:00.000Z', originalName: 'Kế hoạch.pdf' });
    expect((await browseLibrary(db, author, { page: 1, pageSize: 10 })).total).toBe(1);
    expect(await getLibraryItem(db, author, media.id)).toEqual({ media, usages: [] });

    await expect(describeLibraryItem(db, author, { mediaId: media.id, alt: 'x', caption: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeFromLibrary(db, mediaDir, scopeOf(siteId, 'editor'), { mediaId: media.id, isConfirmed: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(uploadToLibrary(db, mediaDir, scopeOf(siteId, null), { bytes: minimalPdf(), originalName: 'a.pdf' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(browseLibrary(db, scopeOf(siteId, null), { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    await describeLibraryItem(db, scopeOf(siteId, 'editor'), { mediaId: media.id, alt: 'Kế hoạch năm', caption: '' });
    await removeFromLibrary(db, mediaDir, scopeOf(siteId, 'chief_editor'), { mediaId: media.id, isConfirmed: false });

    expect(await audit()).toEqual([
      { action: 'media.deleted', actor_id: 'user-chief_editor', target_id: media.id, ip: '203.0.113.7', site_id: siteId },
      { action: 'media.described', actor_id: 'user-editor', target_id: media.id, ip: '203.0.113.7', site_id: siteId },
      { action: 'media.uploaded', actor_id: 'user-author', target_id: media.id, ip: '203.0.113.7', site_id: siteId },
    ]);
  });

  it('logs nothing for an upload that fails', async () => {
    const before = (await audit()).length;
    await expect(uploadToLibrary(testDb.db.kysely, mediaDir, scopeOf(siteId, 'author'), { bytes: Buffer.from('<svg/>'), originalName: 'a.svg' })).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await audit()).toHaveLength(before);
  });
});
