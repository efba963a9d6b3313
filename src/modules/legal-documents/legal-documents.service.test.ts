import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { reindexSite, searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { createDocumentListItem, deleteDocumentListItem, ensureDefaultLists, listDocumentListItems, updateDocumentListItem } from './document-lists.js';
import { findDocumentsByNumber, findDocumentsByNumberKeys, getPublishedDocument, listDocumentFilters, listPublishedDocuments } from './legal-documents.public.js';
import { documentsSearchSource } from './legal-documents.search.js';
import {
  attachDocumentFile,
  createLegalDocument,
  detachDocumentFile,
  getDocumentForEditing,
  listDocumentRevisions,
  listDocumentsForStaff,
  markDocumentReplaced,
  publishLegalDocument,
  relateDocuments,
  saveLegalDocument,
  unpublishLegalDocument,
  type LegalDocumentInput,
} from './legal-documents.service.js';

describe.each(ENGINES)('the legal documents registry on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const later = new Date('2026-11-29T04:00:00Z');
  const as = (role: Role, at = now): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;
  let types: Map<string, string>;
  let fields: Map<string, string>;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    otherSiteId = await createSite(db(), { host: 'khac.example.vn', name: 'Sở khác' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
    await ensureDefaultLists(db(), { siteId, now });
    await ensureDefaultLists(db(), { siteId: otherSiteId, now });
    types = new Map((await listDocumentListItems(db(), { siteId, list: 'type' })).map((t) => [t.name, t.id]));
    fields = new Map((await listDocumentListItems(db(), { siteId, list: 'field' })).map((t) => [t.name, t.id]));
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await db().deleteFrom('search_records').execute();
    await db().updateTable('legal_documents').set({ replaced_by_id: null }).execute();
    await db().deleteFrom('legal_documents').execute();
  });

  const decree = (extra: LegalDocumentInput = {}): LegalDocumentInput => ({
    number: '75/2021/NĐ-CP',
    typeId: types.get('Nghị định'),
    issuer: 'Chính phủ',
    signer: 'Phạm Bình Minh',
    issuedOn: '24/07/2021',
    effectiveOn: '2021-09-15',
    fieldId: fields.get('Người có công'),
    summary: 'Quy định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng',
    ...(extra.issuedOn ? { effectiveOn: null } : {}),
    ...extra,
  });
  const publishNew = async (input: LegalDocumentInput) => (await createLegalDocument(db(), as('chief_editor'), { ...input, isPublishing: true })).id;

  it('creates a draft, publishes it, and shows it to the public only from then', async () => {
    const { id, slug } = await createLegalDocument(db(), as('editor'), decree());
    expect(slug).toBe('75-2021-nd-cp');
    await expect(getPublishedDocument(db(), { siteId, slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPublishedDocuments(db(), { siteId, now: later })).items).toEqual([]);
    expect(await findDocumentsByNumberKeys(db(), siteId, ['75/2021/nd-cp'], later)).toEqual(new Map());

    await publishLegalDocument(db(), as('chief_editor'), { documentId: id });
    const page = await getPublishedDocument(db(), { siteId, slug, now: later });
    expect(page).toMatchObject({ number: '75/2021/NĐ-CP', typeName: 'Nghị định', issuedOn: '2021-07-24', effectiveOn: '2021-09-15', status: 'in_force', statusLabel: 'Còn hiệu lực', url: '/van-ban/75-2021-nd-cp', fieldName: 'Người có công' });
    expect(page.title).toBe('Nghị định 75/2021/NĐ-CP: Quy định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng');

    await unpublishLegalDocument(db(), as('chief_editor'), { documentId: id });
    await expect(getPublishedDocument(db(), { siteId, slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPublishedDocuments(db(), { siteId, now: later })).total).toBe(0);
    expect((await searchSite(db(), { siteId, query: '75/2021', now: later })).hits).toEqual([]);

    const actions = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('created_at').execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['document.created', 'document.published', 'document.unpublished']));
  });

  it('checks the fields with Vietnamese messages naming the field', async () => {
    await expect(createLegalDocument(db(), as('editor'), decree({ number: '  ' }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'number' });
    await expect(createLegalDocument(db(), as('editor'), decree({ number: 'NĐ-CP' }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'number' });
    await expect(createLegalDocument(db(), as('editor'), decree({ typeId: 'khong-co' }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'typeId' });
    await expect(createLegalDocument(db(), as('editor'), decree({ issuedOn: '31/02/2021' }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'issuedOn' });
    await expect(createLegalDocument(db(), as('editor'), decree({ expiresOn: '01/01/2020' }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'expiresOn' });
    await expect(createLegalDocument(db(), as('editor'), decree({ summary: '' }))).rejects.toThrow('Trích yếu');
    const otherField = (await listDocumentListItems(db(), { siteId: otherSiteId, list: 'field' }))[0]!.id;
    await expect(createLegalDocument(db(), as('editor'), decree({ fieldId: otherField }))).rejects.toMatchObject({ field: 'fieldId' });
    // The same number, however written, is one document.
    await createLegalDocument(db(), as('editor'), decree());
    await expect(createLegalDocument(db(), as('editor'), decree({ number: 'số 75 / 2021 / ND-CP' }))).rejects.toMatchObject({ code: 'CONFLICT', field: 'number' });
    // A number without a year is one per year of issue, and its slug says the year.
    const a = await createLegalDocument(db(), as('editor'), decree({ number: '123/KH-UBND', typeId: types.get('Kế hoạch'), issuedOn: '2024-03-01' }));
    const b = await createLegalDocument(db(), as('editor'), decree({ number: '123/KH-UBND', typeId: types.get('Kế hoạch'), issuedOn: '2025-03-01' }));
    expect([a.slug, b.slug]).toEqual(['123-kh-ubnd-2024', '123-kh-ubnd-2025']);
    await expect(createLegalDocument(db(), as('editor'), decree({ number: '123/KH-UBND', typeId: types.get('Kế hoạch'), issuedOn: '2025-05-01' }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stores text with NUL and other control characters without them, on both engines', async () => {
    const nul = '\u0000';
    const { id, slug } = await createLegalDocument(db(), as('chief_editor'), { ...decree({ summary: `Quy định${nul} mức hưởng\u0007`, signer: `Phạm${nul} Bình Minh`, issuer: 'Chính\u001fphủ', bodyHtml: `<p>Điều 1${nul}. Phạm vi&#0;</p>` }), isPublishing: true });
    const stored = await db().selectFrom('legal_documents').select(['summary', 'signer', 'issuer', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toMatch(/\\u000|\\u001|\\u007f/);
    expect(stored.body_html).toContain('Điều 1. Phạm vi');
    // A slug or number with a NUL in a reader's request is simply not found.
    await expect(getPublishedDocument(db(), { siteId, slug: `${slug}${nul}`, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps one document per number when two are created at the same moment', async () => {
    const results = await Promise.allSettled([createLegalDocument(db(), as('editor'), decree()), createLegalDocument(db(), as('chief_editor'), decree({ number: '75/2021/ND-CP' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });

  it('lets roles do what roles.ts says: an author nothing, an editor drafts, a chief editor publishes', async () => {
    await expect(createLegalDocument(db(), as('author'), decree())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createLegalDocument(db(), as('editor'), { ...decree(), isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await createLegalDocument(db(), as('editor'), decree());
    await expect(publishLegalDocument(db(), as('editor'), { documentId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listDocumentsForStaff(db(), as('author'), { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await saveLegalDocument(db(), as('editor'), { documentId: id, fields: { signer: 'Lê Minh Khái' } });
    await publishLegalDocument(db(), as('admin'), { documentId: id });
    await expect(publishLegalDocument(db(), as('admin'), { documentId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // Once public, a change is a publisher's.
    await expect(saveLegalDocument(db(), as('editor'), { documentId: id, fields: { signer: 'Người khác' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await saveLegalDocument(db(), as('chief_editor'), { documentId: id, fields: { signer: 'Phạm Bình Minh' } });
    expect((await getDocumentForEditing(db(), as('editor'), id)).can).toEqual({ edit: false, publish: false, unpublish: false });
    // Another site's staff do not find it.
    const stranger: RequestScope = { ...as('admin'), siteId: otherSiteId };
    await expect(getDocumentForEditing(db(), stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveLegalDocument(db(), { ...operatorScope(otherSiteId, now) }, { documentId: id, fields: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createDocumentListItem(db(), as('editor'), { list: 'type', name: 'Nghị quyết liên tịch' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a revision per save and the slug of a published document', async () => {
    const { id } = await createLegalDocument(db(), as('editor'), decree({ number: '75/2021/NĐ-C' }));
    const saved = await saveLegalDocument(db(), as('editor'), { documentId: id, fields: { number: '75/2021/NĐ-CP' } });
    expect(saved.slug).toBe('75-2021-nd-cp');
    await publishLegalDocument(db(), as('chief_editor'), { documentId: id });
    const renamed = await saveLegalDocument(db(), as('chief_editor'), { documentId: id, fields: { summary: 'Trích yếu mới' } });
    expect(renamed.slug).toBe('75-2021-nd-cp');
    const staff = await listDocumentsForStaff(db(), as('editor'), { query: 'trich yeu 75', page: 1, pageSize: 10 });
    expect(staff).toMatchObject({ total: 1, items: [{ id, number: '75/2021/NĐ-CP', typeName: 'Nghị định', publication: 'published', status: 'in_force' }] });
    expect((await listDocumentsForStaff(db(), as('editor'), { publication: 'draft', page: 1, pageSize: 10 })).total).toBe(0);
    const revisions = await listDocumentRevisions(db(), as('editor'), id);
    expect(revisions.map((r) => [r.number, r.snapshot.number, r.snapshot.summary.slice(0, 13)])).toEqual([
      [3, '75/2021/NĐ-CP', 'Trích yếu mới'],
      [2, '75/2021/NĐ-CP', 'Quy định mức '],
      [1, '75/2021/NĐ-C', 'Quy định mức '],
    ]);
  });

  it('lists with filters, newest issue first, and pages', async () => {
    await publishNew(decree());
    await publishNew(decree({ number: '26/2020/TT-BLĐTBXH', typeId: types.get('Thông tư'), issuer: 'Bộ Lao động - Thương binh và Xã hội', issuedOn: '30/12/2020', effectiveOn: null, fieldId: fields.get('Lao động - Việc làm'), summary: 'Hướng dẫn về lao động chưa thành niên' }));
    await publishNew(decree({ number: '1234/QĐ-UBND', typeId: types.get('Quyết định'), issuer: 'UBND tỉnh Kon Tum', issuedOn: '2022-05-10', effectiveOn: null, expiresOn: '2023-01-01', fieldId: fields.get('Trẻ em'), summary: 'Phê duyệt kế hoạch bảo vệ trẻ em' }));
    await createLegalDocument(db(), as('editor'), decree({ number: '99/2023/NĐ-CP', issuedOn: '2023-01-01', summary: 'Bản nháp' }));
    const numbers = async (filter: Partial<Parameters<typeof listPublishedDocuments>[1]>) => (await listPublishedDocuments(db(), { siteId, now: later, ...filter })).items.map((d) => d.number);

    expect(await numbers({})).toEqual(['1234/QĐ-UBND', '75/2021/NĐ-CP', '26/2020/TT-BLĐTBXH']);
    expect(await numbers({ type: 'thong-tu' })).toEqual(['26/2020/TT-BLĐTBXH']);
    expect(await numbers({ field: 'tre-em' })).toEqual(['1234/QĐ-UBND']);
    expect(await numbers({ issuer: 'Chính phủ' })).toEqual(['75/2021/NĐ-CP']);
    expect(await numbers({ year: 2020 })).toEqual(['26/2020/TT-BLĐTBXH']);
    expect(await numbers({ status: 'expired' })).toEqual(['1234/QĐ-UBND']);
    expect(await numbers({ status: 'in_force' })).toEqual(['75/2021/NĐ-CP', '26/2020/TT-BLĐTBXH']);
    expect(await numbers({ query: 'tre em' })).toEqual(['1234/QĐ-UBND']);
    expect(await numbers({ query: 'Nghị định 75' })).toEqual(['75/2021/NĐ-CP']);
    expect(await numbers({ query: 'thong tu' })).toEqual(['26/2020/TT-BLĐTBXH']);
    expect(await numbers({ query: 'lao động chưa thành niên' })).toEqual(['26/2020/TT-BLĐTBXH']);
    expect(await numbers({ type: 'nghi-dinh', year: 2020 })).toEqual([]);
    const second = await listPublishedDocuments(db(), { siteId, now: later, page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pageCount: 2 });
    expect(second.items.map((d) => d.number)).toEqual(['26/2020/TT-BLĐTBXH']);
    await expect(listPublishedDocuments(db(), { siteId, now: later, query: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await listDocumentFilters(db(), { siteId, now: later })).toMatchObject({ issuers: ['Bộ Lao động - Thương binh và Xã hội', 'Chính phủ', 'UBND tỉnh Kon Tum'], years: [2022, 2021, 2020] });
  });

  it('finds a document by its number however typed, the exact number first, then those citing it', async () => {
    await publishNew(decree({ number: '20/2021/NĐ-CP', issuedOn: '2021-03-15', summary: 'Quy định chính sách trợ giúp xã hội' }));
    await publishNew(decree({ number: '20/2021/TT-BLĐTBXH', typeId: types.get('Thông tư'), issuedOn: '2021-12-01', summary: 'Quy định về tuyển sinh' }));
    await publishNew(decree({ number: '120/2021/NĐ-CP', issuedOn: '2021-12-20', summary: 'Quy định khác' }));
    await publishNew(decree({ number: '02/2021/TT-BLĐTBXH', typeId: types.get('Thông tư'), issuedOn: '2021-06-24', summary: 'Hướng dẫn thi hành Nghị định 20/2021/NĐ-CP' }));
    const lookup = async (query: string) => (await findDocumentsByNumber(db(), { siteId, now: later, query, limit: 10 })).map((d) => d.number);
    expect(await lookup('20/2021/NĐ-CP')).toEqual(['20/2021/NĐ-CP', '02/2021/TT-BLĐTBXH']);
    expect(await lookup('20/2021/ND-CP')).toEqual(['20/2021/NĐ-CP', '02/2021/TT-BLĐTBXH']);
    expect(await lookup(' số 20 / 2021 / nđ-cp ')).toEqual(['20/2021/NĐ-CP', '02/2021/TT-BLĐTBXH']);
    expect(await lookup('20/2021')).toEqual(['20/2021/TT-BLĐTBXH', '20/2021/NĐ-CP', '02/2021/TT-BLĐTBXH']);
    expect(await lookup('2/2021/TT-BLĐTBXH')).toEqual(['02/2021/TT-BLĐTBXH']);
    expect(await lookup('trợ giúp')).toEqual([]);
  });

  it('marks a document replaced: its status follows, and cycles are refused', async () => {
    const old = await publishNew(decree({ number: '20/2015/NĐ-CP', issuedOn: '2015-02-01', summary: 'Quy định cũ' }));
    const current = await publishNew(decree());
    await expect(markDocumentReplaced(db(), as('chief_editor'), { documentId: old, replacedById: old })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(markDocumentReplaced(db(), as('editor'), { documentId: old, replacedById: current })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await markDocumentReplaced(db(), as('chief_editor'), { documentId: old, replacedById: current });
    await expect(markDocumentReplaced(db(), as('chief_editor'), { documentId: current, replacedById: old })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'replacedById' });

    const page = await getPublishedDocument(db(), { siteId, slug: '20-2015-nd-cp', now: later });
    expect(page).toMatchObject({ status: 'replaced', statusLabel: 'Bị thay thế', replacedBy: { number: '75/2021/NĐ-CP', url: '/van-ban/75-2021-nd-cp', status: 'in_force' } });
    expect((await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: later })).replaces.map((d) => d.number)).toEqual(['20/2015/NĐ-CP']);
    expect((await listPublishedDocuments(db(), { siteId, now: later, status: 'replaced' })).items.map((d) => d.number)).toEqual(['20/2015/NĐ-CP']);
    expect((await findDocumentsByNumberKeys(db(), siteId, ['20/2015/nd-cp'], later)).get('20/2015/nd-cp')).toMatchObject({ status: 'replaced', url: '/van-ban/20-2015-nd-cp' });

    await markDocumentReplaced(db(), as('chief_editor'), { documentId: old, replacedById: null });
    expect((await getPublishedDocument(db(), { siteId, slug: '20-2015-nd-cp', now: later })).status).toBe('in_force');
    // Declared expired by staff, or its end date has come.
    await saveLegalDocument(db(), as('chief_editor'), { documentId: old, fields: { isDeclaredExpired: true } });
    expect((await getPublishedDocument(db(), { siteId, slug: '20-2015-nd-cp', now: later })).status).toBe('expired');
    await saveLegalDocument(db(), as('chief_editor'), { documentId: current, fields: { expiresOn: '2026-12-01' } });
    expect((await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: later })).status).toBe('in_force');
    expect((await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: new Date('2026-11-30T17:00:00Z') })).status).toBe('expired');
    // At that moment (midnight in Vietnam) cached pages showing or citing it are dropped.
    const job = await db().selectFrom('jobs').select(['name', 'run_at', 'payload']).where('key', '=', `document-expiry:${current}`).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ name: 'publish-due', run_at: '2026-11-30T17:00:00.000Z' });
    expect(JSON.parse(job.payload)).toEqual({ siteId });
  });

  it('attaches files of the site library only, relates documents, and never shows other sites', async () => {
    const id = await publishNew(decree());
    const draft = (await createLegalDocument(db(), as('editor'), decree({ number: '1/2022/TT-BLĐTBXH', summary: 'Nháp' }))).id;
    const file = crypto.randomUUID();
    const picture = crypto.randomUUID();
    const foreign = crypto.randomUUID();
    const media = (mediaId: string, kind: string, site = siteId) => ({ id: mediaId, site_id: site, kind, storage_key: `${mediaId}/file.pdf`, mime: 'application/pdf', width: 0, height: 0, bytes: 1234, alt: '', caption: '', variants: '[]', created_at: now.toISOString(), original_name: 'Nghị định 75.pdf', uploaded_by: null, text_content: 'Điều 1. Phạm vi điều chỉnh: trợ cấp hằng tháng cho thân nhân liệt sĩ' });
    await db().insertInto('media').values([media(file, 'document'), media(picture, 'image'), media(foreign, 'document', otherSiteId)]).execute();
    await expect(attachDocumentFile(db(), as('chief_editor'), { documentId: id, mediaId: picture })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mediaId' });
    await expect(attachDocumentFile(db(), as('chief_editor'), { documentId: id, mediaId: foreign })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await attachDocumentFile(db(), as('chief_editor'), { documentId: id, mediaId: file });
    await relateDocuments(db(), as('chief_editor'), { documentId: id, relatedId: draft });
    const page = await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: later });
    expect(page.attachments).toEqual([{ mediaId: file, name: 'Nghị định 75.pdf', url: `/media/${file}/file.pdf`, mime: 'application/pdf', bytes: 1234 }]);
    // A related draft stays unseen.
    expect(page.related).toEqual([]);
    await publishLegalDocument(db(), as('chief_editor'), { documentId: draft });
    expect((await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: later })).related.map((d) => d.number)).toEqual(['1/2022/TT-BLĐTBXH']);
    expect((await getPublishedDocument(db(), { siteId, slug: '1-2022-tt-bldtbxh', now: later })).related.map((d) => d.number)).toEqual(['75/2021/NĐ-CP']);
    // The file's text is searchable with the document.
    const [hit] = (await searchSite(db(), { siteId, query: 'than nhan liet si', now: later })).hits;
    expect(hit).toMatchObject({ type: 'document', url: '/van-ban/75-2021-nd-cp', attachment: { name: 'Nghị định 75.pdf' } });
    await detachDocumentFile(db(), as('chief_editor'), { documentId: id, mediaId: file });
    expect((await getPublishedDocument(db(), { siteId, slug: '75-2021-nd-cp', now: later })).attachments).toEqual([]);
    expect((await searchSite(db(), { siteId, query: 'than nhan liet si', now: later })).hits).toEqual([]);
    // Another site sees none of it.
    expect((await listPublishedDocuments(db(), { siteId: otherSiteId, now: later })).total).toBe(0);
    expect(await findDocumentsByNumberKeys(db(), otherSiteId, ['75/2021/nd-cp'], later)).toEqual(new Map());
  });

  it('is found by the site search by number, by folded words, and after a reindex', async () => {
    await publishNew(decree());
    await createLegalDocument(db(), as('editor'), decree({ number: '76/2021/NĐ-CP', summary: 'Bản nháp về trợ cấp ưu đãi' }));
    const search = async (query: string) => (await searchSite(db(), { siteId, query, now: later })).hits.map((h) => [h.type, h.title.slice(0, 23), h.url]);
    const expected = [['document', 'Nghị định 75/2021/NĐ-CP', '/van-ban/75-2021-nd-cp']];
    expect(await search('75/2021')).toEqual(expected);
    expect(await search('75/2021/ND-CP')).toEqual(expected);
    expect(await search('nd-cp')).toEqual(expected);
    expect(await search('uu dai nguoi co cong')).toEqual(expected);
    expect(await search('76/2021')).toEqual([]);
    await db().deleteFrom('search_records').execute();
    expect(await documentsSearchSource.countRecords!(db(), siteId)).toBe(1);
    expect(await reindexSite(db(), { siteId, sources: [documentsSearchSource] })).toEqual({ indexed: 1, removed: 0 });
    expect(await search('75/2021')).toEqual(expected);
  });

  it('manages the type and field lists', async () => {
    const created = await createDocumentListItem(db(), as('chief_editor'), { list: 'type', name: 'Nghị quyết liên tịch' });
    expect(created).toMatchObject({ slug: 'nghi-quyet-lien-tich' });
    await expect(createDocumentListItem(db(), as('chief_editor'), { list: 'type', name: 'nghị quyết  LIÊN TỊCH' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    await publishNew(decree());
    await expect(deleteDocumentListItem(db(), as('chief_editor'), { list: 'type', id: types.get('Nghị định')! })).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteDocumentListItem(db(), as('chief_editor'), { list: 'type', id: created.id });
    // A renamed type renames its documents in search.
    await updateDocumentListItem(db(), as('chief_editor'), { list: 'type', id: types.get('Nghị định')!, name: 'Nghị định của Chính phủ' });
    expect((await searchSite(db(), { siteId, query: '75/2021', now: later })).hits.map((h) => h.title.slice(0, 37))).toEqual(['Nghị định của Chính phủ 75/2021/NĐ-CP']);
    await updateDocumentListItem(db(), as('chief_editor'), { list: 'type', id: types.get('Nghị định')!, name: 'Nghị định' });
    expect((await listDocumentListItems(db(), { siteId, list: 'type' })).map((t) => t.name)).not.toContain('Nghị quyết liên tịch');
  });
});
