import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { getPublishedConsultation, listPublishedConsultations } from './consultations.public.js';
import { closeConsultationEarly, createConsultation, getConsultationForEditing, listComments, publishConsultation, saveConsultation, submitComment, unpublishConsultation } from './consultations.service.js';

describe.each(ENGINES)('draft consultations (service) on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role | null, at = now): RequestScope => ({ siteId, actor: role ? people.get(role)! : null, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;
  const times = { opensAt: '2026-12-01T01:00:00.000Z', closesAt: '2026-12-31T10:00:00.000Z' };

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    otherSiteId = await createSite(db(), { host: 'khac.example.vn', name: 'Sở khác' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterAll(async () => testDb.destroy());

  it('denies by default: no actor, an author, an editor publishing', async () => {
    await expect(createConsultation(db(), as(null), { title: 'X', ...times })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(createConsultation(db(), as('author'), { title: 'X', ...times })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createConsultation(db(), as('editor'), { title: 'X', ...times, isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await createConsultation(db(), as('editor'), { title: 'Dự thảo phân quyền', ...times });
    await expect(publishConsultation(db(), as('editor'), { consultationId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listComments(db(), as('author'), { consultationId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another site's id is not found, whatever the role.
    await expect(getConsultationForEditing(db(), { ...as('admin'), siteId: otherSiteId }, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveConsultation(db(), as('editor'), { consultationId: 'not-an-id', fields: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a taken slug with CONFLICT, and publishing twice with INVALID_TRANSITION', async () => {
    const a = await createConsultation(db(), as('chief_editor'), { title: 'Dự thảo trùng địa chỉ', ...times });
    await expect(createConsultation(db(), as('chief_editor'), { title: 'Dự thảo trùng địa chỉ', ...times })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    await publishConsultation(db(), as('chief_editor'), { consultationId: a.id });
    await expect(publishConsultation(db(), as('chief_editor'), { consultationId: a.id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('schedules the content bump at opening and closing; the public reads the status from the clock', async () => {
    const { id, slug } = await createConsultation(db(), as('chief_editor'), { title: 'Dự thảo theo giờ', ...times, isPublishing: true });
    const jobs = await db().selectFrom('jobs').select(['key', 'run_at', 'name']).where('key', 'like', `%:${id}`).orderBy('run_at').execute();
    expect(jobs).toEqual([
      { key: `consultation-opening:${id}`, run_at: times.opensAt, name: 'publish-due' },
      { key: `consultation-closing:${id}`, run_at: times.closesAt, name: 'publish-due' },
    ]);
    expect((await getPublishedConsultation(db(), { siteId, slug, now })).status).toBe('upcoming');
    expect((await getPublishedConsultation(db(), { siteId, slug, now: new Date('2026-12-15T00:00:00Z') })).status).toBe('open');
    expect((await getPublishedConsultation(db(), { siteId, slug, now: new Date('2026-12-31T10:00:00Z') })).status).toBe('closed');
    const defences = { token: 'x', answer: '1', honeypot: '' };
    const comment = { name: 'A', email: 'a@b.vn', body: 'Nội dung góp ý đủ dài.', slug, defences };
    await expect(submitComment(db(), { ...as(null), now }, comment)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Đợt lấy ý kiến chưa bắt đầu.' });
    await expect(submitComment(db(), { ...as(null), now: new Date('2027-01-02T00:00:00Z') }, comment)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Đợt lấy ý kiến đã kết thúc ngày 31/12/2026.' });
    await expect(submitComment(db(), { ...as(null), siteId: otherSiteId }, comment)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closes early now, and unpublishing hides it from the public reads and search', async () => {
    const open = new Date('2026-12-10T00:00:00Z');
    const { id, slug } = await createConsultation(db(), as('chief_editor'), { title: 'Dự thảo kết thúc sớm', ...times, isPublishing: true });
    await closeConsultationEarly(db(), as('chief_editor', open), { consultationId: id });
    expect((await getPublishedConsultation(db(), { siteId, slug, now: open })).status).toBe('closed');
    await expect(closeConsultationEarly(db(), as('chief_editor', open), { consultationId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await db().selectFrom('search_records').select('id').where('record_id', '=', id).executeTakeFirst()).toBeTruthy();
    await unpublishConsultation(db(), as('chief_editor'), { consultationId: id });
    await expect(getPublishedConsultation(db(), { siteId, slug, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPublishedConsultations(db(), { siteId, now })).map((c) => c.slug)).not.toContain(slug);
    expect(await db().selectFrom('search_records').select('id').where('record_id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
