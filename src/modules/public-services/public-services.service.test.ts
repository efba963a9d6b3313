import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { createProcedureField, ensureDefaultProcedureFields, listProcedureFields, updateProcedureField } from './procedure-fields.js';
import { applyProcedureImport, previewProcedureImport } from './public-services.import.js';
import { listPublishedProcedures } from './public-services.public.js';
import { createProcedure, getProcedureForEditing, listProcedureRevisions, publishProcedure, saveProcedure, unpublishProcedure } from './public-services.service.js';

describe.each(ENGINES)('public services use-cases on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let fieldId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now });
  const db = () => testDb.db.kysely;
  const ready = () => ({ fieldId, agency: 'Sở Lao động - Thương binh và Xã hội', documents: 'Đơn đề nghị (1 bản chính)', timeLimit: '05 ngày làm việc', fee: 'Không' });

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở' });
    for (const role of ['author', 'editor', 'chief_editor'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
    await ensureDefaultProcedureFields(db(), { siteId, now });
    fieldId = (await listProcedureFields(db(), siteId)).find((f) => f.name === 'Việc làm')!.id;
  });
  afterAll(async () => testDb.destroy());

  it('denies by default: no actor, an author, an editor publishing', async () => {
    await expect(createProcedure(db(), { siteId, actor: null, clientIp: '', now }, { name: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(createProcedure(db(), as('author'), { name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createProcedure(db(), as('editor'), { ...ready(), name: 'x', isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createProcedureField(db(), as('editor'), { name: 'Mới' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await createProcedure(db(), as('editor'), { ...ready(), name: 'Thủ tục của biên tập viên' });
    await expect(publishProcedure(db(), as('editor'), { procedureId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getProcedureForEditing(db(), as('author'), id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db().selectFrom('audit_log').select('action').where('target_id', '=', id).execute()).toEqual([{ action: 'procedure.created' }]);
  });

  it('keeps a revision per save, and a published procedure is the publisher’s to change', async () => {
    const { id, slug } = await createProcedure(db(), as('editor'), { name: 'Cấp giấy phép lao động', code: '1.000105' });
    expect(slug).toBe('cap-giay-phep-lao-dong');
    // Not ready: the chief is told what is missing.
    await expect(publishProcedure(db(), as('chief_editor'), { procedureId: id })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('thiếu lĩnh vực, cơ quan thực hiện, thành phần hồ sơ') });
    // Until first published, the address follows the name.
    const saved = await saveProcedure(db(), as('editor'), { procedureId: id, fields: { ...ready(), name: 'Cấp giấy phép lao động cho người nước ngoài' } });
    expect(saved.slug).toBe('cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai');
    await publishProcedure(db(), as('chief_editor'), { procedureId: id });
    await expect(publishProcedure(db(), as('chief_editor'), { procedureId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(saveProcedure(db(), as('editor'), { procedureId: id, fields: { fee: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A published procedure cannot lose what publishing needs.
    await expect(saveProcedure(db(), as('chief_editor'), { procedureId: id, fields: { documents: '' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('thành phần hồ sơ') });
    await saveProcedure(db(), as('chief_editor'), { procedureId: id, fields: { name: 'Tên mới không đổi địa chỉ' } });
    const revisions = await listProcedureRevisions(db(), as('editor'), id);
    expect(revisions.map((r) => [r.number, r.snapshot.name, r.authorName])).toEqual([
      [3, 'Tên mới không đổi địa chỉ', 'chief_editor'],
      [2, 'Cấp giấy phép lao động cho người nước ngoài', 'editor'],
      [1, 'Cấp giấy phép lao động', 'editor'],
    ]);
    expect(revisions[0]!.snapshot.documents).toEqual([{ name: 'Đơn đề nghị', originals: 1, copies: 0 }]);
    expect((await getProcedureForEditing(db(), as('editor'), id)).fields.slug).toBe('cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai');
  });

  it('keeps the search record in step: published, renamed field, unpublished', async () => {
    const { id } = await createProcedure(db(), as('chief_editor'), { ...ready(), name: 'Hưởng trợ cấp thất nghiệp', code: '1.001978', isPublishing: true });
    const find = async (q: string) => (await searchSite(db(), { siteId, query: q, now: new Date(now.getTime() + 1_000) })).hits.map((h) => h.url);
    expect(await find('1.001978')).toEqual(['/thu-tuc-hanh-chinh/huong-tro-cap-that-nghiep']);
    expect(await find('don de nghi')).toContain('/thu-tuc-hanh-chinh/huong-tro-cap-that-nghiep');
    await updateProcedureField(db(), as('chief_editor'), { id: fieldId, name: 'Việc làm và bảo hiểm thất nghiệp' });
    expect(await find('bảo hiểm thất nghiệp')).toContain('/thu-tuc-hanh-chinh/huong-tro-cap-that-nghiep');
    await unpublishProcedure(db(), as('chief_editor'), { procedureId: id });
    expect(await find('1.001978')).toEqual([]);
    expect((await listPublishedProcedures(db(), { siteId, now, query: '1.001978' })).total).toBe(0);
  });

  it('imports an XLSX: a documents cell one per line, rich text, formulas as their cached values', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Thủ tục');
    sheet.addRow(['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Cơ quan thực hiện', 'Mức độ (Toàn trình/Một phần)', 'Thành phần hồ sơ', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Ghi chú']);
    sheet.addRow(['2.000286', { richText: [{ text: 'Trợ cấp xã hội ' }, { text: 'hằng tháng' }] }, 'Bảo trợ xã hội', 'Cấp huyện', 'UBND cấp huyện', 'toan trinh', 'Tờ khai (1 bản chính)\nGiấy xác nhận khuyết tật (1 bản sao)', '22 ngày làm việc', { formula: '"Không"', result: 'Không' }, 'bỏ qua']);
    sheet.addRow(['', 'Thiếu lĩnh vực', '', 'xã', 'UBND cấp xã', '', 'Đơn', '1 ngày', 'Không', '']);
    sheet.getRow(1).getCell(11).value = 'Trình tự thực hiện';
    sheet.getRow(2).getCell(11).value = 'Bước 1: nộp <script>alert(1)</script>\nBước 2: nhận kết quả';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await previewProcedureImport(db(), as('editor'), { bytes, fileName: 'thu-tuc.xlsx' });
    expect(preview).toMatchObject({ format: 'xlsx', validCount: 1, errorCount: 1, ignoredHeaders: ['Ghi chú'] });
    // A steps cell is text: its lines become paragraphs, its markup stays text.
    expect(preview.rows[0]!.procedure).toMatchObject({ name: 'Trợ cấp xã hội hằng tháng', levelLabel: 'Cấp huyện', onlineLevelLabel: 'Toàn trình', fee: 'Không', documents: [{ name: 'Tờ khai', originals: 1, copies: 0 }, { name: 'Giấy xác nhận khuyết tật', originals: 0, copies: 1 }] });
    expect(preview.rows[1]!.errors).toEqual([{ column: 'field', message: 'Thiếu lĩnh vực.' }]);
    await expect(applyProcedureImport(db(), as('editor'), { bytes, fileName: 'thu-tuc.xlsx', isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await applyProcedureImport(db(), as('chief_editor'), { bytes, fileName: 'thu-tuc.xlsx', isPublishing: true });
    expect(result.created.map((c) => c.name)).toEqual(['Trợ cấp xã hội hằng tháng']);
    const steps = await db().selectFrom('procedures').select('steps_html').where('id', '=', result.created[0]!.id).executeTakeFirstOrThrow();
    expect(steps.steps_html).toBe('<p>Bước 1: nộp &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Bước 2: nhận kết quả</p>');
    expect((await listPublishedProcedures(db(), { siteId, now: new Date(now.getTime() + 1_000), level: 'district' })).items.map((p) => p.timeLimitDays)).toEqual([22]);
    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'procedure.import').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ created: 1, skipped: 1, published: true, skippedLines: [3] });
  });
});
