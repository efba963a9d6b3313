import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { migrations } from '../../migrations/index.js';
import { migrateDown, migrateToLatest } from '../../platform/db/migrator.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { findRedirect } from '../redirects/index.js';
import { reindexSite, searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { getPublishedProject, listPublishedProjects } from './projects.public.js';
import { projectsSearchSource } from './projects.search.js';
import { attachProjectFile, createProject, getProjectForEditing, listProjectRevisions, listProjectsForStaff, publishProject, saveProject, unpublishProject, type ProjectInput } from './projects.service.js';

describe.each(ENGINES)('projects and procurement on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const later = new Date('2026-11-29T04:00:00Z');
  const as = (role: Role, at = now): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;

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
  beforeEach(async () => {
    await db().deleteFrom('search_records').execute();
    await db().deleteFrom('jobs').execute();
    await db().deleteFrom('projects').execute();
  });

  const tender = (extra: ProjectInput = {}): ProjectInput => ({
    kind: 'tender',
    name: 'Gói thầu số 03: Cung cấp thiết bị phục hồi chức năng',
    owner: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum',
    budget: '1.234.000.000.000',
    startsOn: '01/12/2026',
    closesAt: '20/12/2026 09:00',
    status: 'open',
    ...extra,
  });

  it('denies by default: no actor, an author, or an editor publishing', async () => {
    const nobody: RequestScope = { siteId, actor: null, clientIp: '10.0.0.1', now };
    await expect(createProject(db(), nobody, tender())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(createProject(db(), as('author'), tender())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listProjectsForStaff(db(), as('author'), { page: 1, pageSize: 20 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createProject(db(), as('editor'), { ...tender(), isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await createProject(db(), as('editor'), tender());
    await expect(publishProject(db(), as('editor'), { projectId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getProjectForEditing(db(), as('author'), id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db().selectFrom('projects').select('id').execute()).toHaveLength(1);
  });

  it('keeps a sum above 2^31 đồng exact and reads it back as a number', async () => {
    const { id } = await createProject(db(), as('editor'), tender());
    const project = await getProjectForEditing(db(), as('editor'), id);
    expect(project.fields.budget).toBe(1_234_000_000_000);
    expect(project.fields.closesAt).toBe('2026-12-20T02:00:00.000Z');
    expect(project.missing).toEqual([]);
  });

  it('publishes through a chief editor, with a revision per save, an audit entry per step and a search record while published', async () => {
    const { id, slug } = await createProject(db(), as('editor'), tender());
    await expect(getPublishedProject(db(), { siteId, slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await saveProject(db(), as('editor'), { projectId: id, fields: { location: 'Thành phố Kon Tum' } });
    await publishProject(db(), as('chief_editor'), { projectId: id });
    await expect(publishProject(db(), as('chief_editor'), { projectId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await getPublishedProject(db(), { siteId, slug, now: later })).location).toBe('Thành phố Kon Tum');
    // Published, it is the chief's to change.
    await expect(saveProject(db(), as('editor'), { projectId: id, fields: { name: 'Sửa lén' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await saveProject(db(), as('chief_editor'), { projectId: id, fields: { status: 'awarded', winner: 'Công ty Cổ phần Y tế Kon Tum', winningPrice: '1.100 tỷ' } });
    const revisions = await listProjectRevisions(db(), as('editor'), id);
    expect(revisions.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(revisions[0]!.snapshot).toMatchObject({ status: 'awarded', winningPrice: 1_100_000_000_000, winner: 'Công ty Cổ phần Y tế Kon Tum' });
    expect(revisions[0]!.authorName).toBe('chief_editor');
    expect((await searchSite(db(), { siteId, query: 'phuc hoi chuc nang', now: later })).hits.map((h) => h.url)).toEqual([`/du-an-dau-thau/${slug}`]);
    expect((await searchSite(db(), { siteId, query: 'Y tế Kon Tum', now: later })).total).toBe(1);

    await unpublishProject(db(), as('chief_editor'), { projectId: id });
    await expect(unpublishProject(db(), as('chief_editor'), { projectId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await searchSite(db(), { siteId, query: 'phuc hoi chuc nang', now: later })).total).toBe(0);
    expect((await listPublishedProjects(db(), { siteId, now: later })).total).toBe(0);
    const audit = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('created_at').execute();
    // Every step ran at the same scope.now: compare as a set with counts.
    expect(audit.map((a) => a.action).sort()).toEqual(['project.created', 'project.published', 'project.saved', 'project.saved', 'project.unpublished']);
  });

  it('stores text without control, zero-width or bidi characters, NFC, and refuses wrong types', async () => {
    const { id } = await createProject(db(), as('editor'), tender({ name: 'Go\u0301i\u0007 thầu\u202e   số\u200b 9\n' }));
    expect((await getProjectForEditing(db(), as('editor'), id)).fields.name).toBe('Gói thầu số 9');
    await expect(createProject(db(), as('editor'), tender({ owner: ['Sở'] as unknown as string }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'owner' });
    await expect(createProject(db(), as('editor'), tender({ budget: { value: 1 } as unknown as string }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'budget' });
    await expect(createProject(db(), as('editor'), tender({ closesAt: 12 as unknown as string }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'closesAt' });
    await expect(createProject(db(), as('editor'), tender({ kind: ['tender'] as unknown as string }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'kind' });
    await expect(createProject(db(), as('editor'), tender({ descriptionHtml: 'x'.repeat(1_000_001) }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'descriptionHtml' });
    await expect(createProject(db(), as('editor'), tender({ descriptionHtml: `<img data-media-id="${crypto.randomUUID()}" alt="">` }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'descriptionHtml' });
  });

  it('refuses to publish what readers need and is missing', async () => {
    const { id } = await createProject(db(), as('editor'), tender({ owner: '', closesAt: '' }));
    await expect(publishProject(db(), as('chief_editor'), { projectId: id })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'Chưa đủ thông tin để xuất bản: thiếu bên mời thầu, thời điểm đóng thầu.' });
    await expect(createProject(db(), as('chief_editor'), { ...tender({ closesAt: '' }), isPublishing: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('schedules the content version bump at an open tender\'s closing time, moves it with the time, and not for others', async () => {
    const { id } = await createProject(db(), as('chief_editor'), { ...tender(), isPublishing: true });
    const job = async () => db().selectFrom('jobs').select(['run_at', 'name']).where('key', '=', `project-closing:${id}`).executeTakeFirst();
    expect(await job()).toEqual({ run_at: '2026-12-20T02:00:00.000Z', name: 'publish-due' });
    await saveProject(db(), as('chief_editor'), { projectId: id, fields: { closesAt: '22/12/2026 16:30' } });
    expect((await job())?.run_at).toBe('2026-12-22T09:30:00.000Z');
    // A draft, a project and a tender already past its time get no job.
    await createProject(db(), as('editor'), tender({ name: 'Gói nháp' }));
    await createProject(db(), as('chief_editor'), { kind: 'project', name: 'Dự án', owner: 'Sở', isPublishing: true });
    await createProject(db(), as('chief_editor'), { ...tender({ name: 'Gói đã qua', startsOn: '', closesAt: '01/11/2026 09:00' }), isPublishing: true });
    expect(await db().selectFrom('jobs').select('key').execute()).toHaveLength(1);
  });

  it('reads a passed closing time as closed, in the list filters too', async () => {
    const { slug } = await createProject(db(), as('chief_editor'), { ...tender(), isPublishing: true });
    const before = new Date('2026-12-20T01:59:00Z');
    const after = new Date('2026-12-20T02:00:00Z');
    expect((await getPublishedProject(db(), { siteId, slug, now: before })).status).toBe('open');
    expect((await getPublishedProject(db(), { siteId, slug, now: after })).status).toBe('closed');
    expect((await listPublishedProjects(db(), { siteId, now: before, status: 'open' })).total).toBe(1);
    expect((await listPublishedProjects(db(), { siteId, now: after, status: 'open' })).total).toBe(0);
    expect((await listPublishedProjects(db(), { siteId, now: after, status: 'closed' })).total).toBe(1);
  });

  it('follows the name with the slug until first published, then keeps the old address with a redirect', async () => {
    const { id, slug } = await createProject(db(), as('editor'), { kind: 'project', name: 'Xây dựng nhà bia', owner: 'UBND huyện' });
    expect(slug).toBe('xay-dung-nha-bia');
    expect((await saveProject(db(), as('editor'), { projectId: id, fields: { name: 'Xây dựng Nhà bia tưởng niệm liệt sĩ' } })).slug).toBe('xay-dung-nha-bia-tuong-niem-liet-si');
    await publishProject(db(), as('chief_editor'), { projectId: id });
    expect((await saveProject(db(), as('chief_editor'), { projectId: id, fields: { name: 'Nhà bia liệt sĩ huyện' } })).slug).toBe('xay-dung-nha-bia-tuong-niem-liet-si');
    expect((await saveProject(db(), as('chief_editor'), { projectId: id, fields: { slug: 'nha-bia-liet-si' } })).slug).toBe('nha-bia-liet-si');
    expect(await findRedirect(db(), { siteId, path: 'du-an-dau-thau/xay-dung-nha-bia-tuong-niem-liet-si', liveDepth: 1 })).toBe('du-an-dau-thau/nha-bia-liet-si');
    const other = await createProject(db(), as('editor'), { kind: 'project', name: 'Nhà bia liệt sĩ', owner: 'UBND huyện' });
    expect(other.slug).toBe('nha-bia-liet-si-2');
    await expect(saveProject(db(), as('editor'), { projectId: other.id, fields: { slug: 'nha-bia-liet-si' } })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
  });

  it('keeps sites apart: another site\'s item and file are not found', async () => {
    const foreign = await createProject(db(), { ...operatorScope(otherSiteId), now }, { kind: 'project', name: 'Dự án trang khác', owner: 'Sở khác', isPublishing: true });
    await expect(getProjectForEditing(db(), as('admin'), foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveProject(db(), as('admin'), { projectId: foreign.id, fields: { name: 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unpublishProject(db(), as('admin'), { projectId: foreign.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPublishedProject(db(), { siteId, slug: foreign.slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listProjectsForStaff(db(), as('admin'), { page: 1, pageSize: 20 })).total).toBe(0);
    const own = await createProject(db(), as('editor'), tender());
    await expect(attachProjectFile(db(), as('editor'), { projectId: own.id, mediaId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mediaId' });
    for (const bad of ['', 'x\u0000', '<script>', 'a'.repeat(1000)]) await expect(getProjectForEditing(db(), as('admin'), bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rebuilds its search records from published items only (cong reindex)', async () => {
    await createProject(db(), as('chief_editor'), { ...tender(), isPublishing: true });
    await createProject(db(), as('editor'), { kind: 'purchase', name: 'Mua sắm nháp', owner: 'Sở' });
    expect(await projectsSearchSource.countRecords!(db(), siteId)).toBe(1);
    const records = [];
    for await (const record of projectsSearchSource.listRecords(db(), siteId)) records.push(record);
    expect(records.map((r) => r.title)).toEqual(['Gói thầu số 03: Cung cấp thiết bị phục hồi chức năng']);
    expect(records[0]!.text).toContain('Giá gói thầu: 1.234.000.000.000 đồng');
    await db().deleteFrom('search_records').execute();
    await reindexSite(db(), { siteId, sources: [projectsSearchSource] });
    expect((await searchSite(db(), { siteId, query: 'thiet bi phuc hoi', now: later })).total).toBe(1);
  });
});

describe.each(ENGINES)('the projects migration on %s', (engine) => {
  it('goes down and up again, its tables with it', async () => {
    const testDb = await createTestDb(engine);
    try {
      const tables = async () => (await testDb.db.kysely.introspection.getTables()).map((t) => t.name).filter((name) => name.startsWith('project'));
      expect((await tables()).sort()).toEqual(['project_attachments', 'project_revisions', 'projects']);
      // Down until this migration is undone (later migrations, if any, first).
      for (let step = 0; step < 20 && (await tables()).length > 0; step++) await migrateDown(testDb.db, migrations);
      expect(await tables()).toEqual([]);
      await migrateToLatest(testDb.db, migrations);
      expect((await tables()).sort()).toEqual(['project_attachments', 'project_revisions', 'projects']);
    } finally {
      await testDb.destroy();
    }
  });
});
