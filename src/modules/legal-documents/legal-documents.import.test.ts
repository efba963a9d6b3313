import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { ensureDefaultLists, listDocumentListItems } from './document-lists.js';
import { applyImport, previewImport } from './legal-documents.import.js';
import { listPublishedDocuments } from './legal-documents.public.js';
import { createLegalDocument } from './legal-documents.service.js';
import { cellText, checkZipInflation, SHEET_LIMITS } from './sheet-reader.js';

const HEADER = ['Số ký hiệu', 'Loại văn bản', 'Cơ quan ban hành', 'Người ký', 'Ngày ban hành (dd/mm/yyyy)', 'Ngày hiệu lực', 'Ngày hết hiệu lực', 'Lĩnh vực', 'Trích yếu'];
const GOOD = [
  ['75/2021/NĐ-CP', 'Nghị định', 'Chính phủ', 'Phạm Bình Minh', '24/07/2021', '15/09/2021', '', 'Người có công', 'Quy định mức hưởng trợ cấp, phụ cấp ưu đãi người có công'],
  ['26/2020/TT-BLĐTBXH', 'thong tu', 'Bộ Lao động - Thương binh và Xã hội', '', '30/12/2020', '', '', 'Lao động - Việc làm', 'Hướng dẫn về lao động chưa thành niên; có dấu "ngoặc"'],
];
const BROKEN = [
  ['1/2022/NĐ-CP', 'Nghị định thư', 'Chính phủ', '', '01/01/2022', '', '', '', 'Loại không có trong danh mục'],
  ['2/2022/NĐ-CP', 'Nghị định', 'Chính phủ', '', '31/02/2022', '', '', '', 'Ngày không có thật'],
  ['3/2022/NĐ-CP', 'Nghị định', 'Chính phủ', '', '01/03/2022', '', '', '', ''],
  ['75/2021/ND-CP', 'Nghị định', 'Chính phủ', '', '24/07/2021', '', '', '', 'Trùng số với dòng 2 (viết khác)'],
  ['4/2022/NĐ-CP', 'Nghị định', 'Chính phủ', '', '01/03/2022', '', '01/01/2022', 'Thiên văn', 'Hết hiệu lực trước khi ban hành, lĩnh vực lạ'],
  ['NĐ-CP', 'Nghị định', 'Chính phủ', '', '01/03/2022', '', '', '', 'Không có số'],
];

function csvOf(rows: string[][], delimiter = ','): Buffer {
  const quote = (cell: string) => (/[",;\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(quote).join(delimiter)).join('\r\n')}\r\n`, 'utf8');
}

/** A zip of deflated entries; `declaredSize` lets an entry lie about what it inflates to. */
function deflatedZip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = zlib.deflateRawSync(entry.data);
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

describe('reading sheets', () => {
  it('takes a formula cell as its cached result, never its formula', () => {
    expect(cellText({ formula: 'HYPERLINK("http://x")&A1', result: '12/2021/TT-BLĐTBXH' })).toBe('12/2021/TT-BLĐTBXH');
    expect(cellText({ sharedFormula: 'A2', result: 42 })).toBe('42');
    expect(cellText({ formula: 'NOW()' })).toBe('');
    expect(cellText({ richText: [{ text: 'Nghị ' }, { text: 'định' }] })).toBe('Nghị định');
    expect(cellText({ text: 'Văn bản', hyperlink: 'http://x' })).toBe('Văn bản');
    expect(cellText(new Date(Date.UTC(2021, 6, 24)))).toBe('2021-07-24');
    expect(cellText({ error: '#N/A' })).toBe('');
  });

  it('refuses a zip bomb by what it really inflates to, whatever it declares', () => {
    const bomb = deflatedZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(SHEET_LIMITS.uncompressedBytes + 1024, 0x20), declaredSize: 1000 }]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => checkZipInflation(bomb)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(() => checkZipInflation(deflatedZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]))).not.toThrow();
    expect(() => checkZipInflation(Buffer.from('PK\u0003\u0004 nothing else'))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe.each(ENGINES)('importing documents on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now });
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở' });
    for (const role of ['author', 'editor', 'chief_editor'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await db().deleteFrom('search_records').execute();
    await db().deleteFrom('legal_documents').execute();
  });

  it('previews a CSV row by row, with Vietnamese errors, and writes nothing', async () => {
    const preview = await previewImport(db(), as('editor'), { bytes: csvOf([HEADER, ...GOOD, [], ...BROKEN]), fileName: 'van-ban.csv' });
    expect(preview).toMatchObject({ format: 'csv', validCount: 2, errorCount: 6, ignoredHeaders: [] });
    expect(preview.rows[0]).toMatchObject({ line: 2, errors: [], document: { number: '75/2021/NĐ-CP', typeName: 'Nghị định', issuedOn: '2021-07-24', effectiveOn: '2021-09-15', expiresOn: null, fieldName: 'Người có công' } });
    expect(preview.rows[1]!.document).toMatchObject({ typeName: 'Thông tư', summary: 'Hướng dẫn về lao động chưa thành niên; có dấu "ngoặc"' });
    const errors = Object.fromEntries(preview.rows.slice(2).map((row) => [row.line, row.errors.map((e) => `${e.column}: ${e.message}`)]));
    expect(errors).toEqual({
      5: [expect.stringMatching(/^type: Loại văn bản "Nghị định thư" không có trong danh mục/)],
      6: ['issuedOn: Ngày ban hành "31/02/2022" không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 16/01/2022.'],
      7: ['summary: Thiếu trích yếu.'],
      8: ['number: Trùng số ký hiệu với dòng 2 của bảng.'],
      9: ['field: Lĩnh vực "Thiên văn" không có trong danh mục của trang.', 'expiresOn: Ngày hết hiệu lực phải sau ngày ban hành.'],
      10: ['number: Số ký hiệu phải có chữ số, ví dụ 20/2021/NĐ-CP.'],
    });
    expect(await db().selectFrom('legal_documents').selectAll().execute()).toEqual([]);
    // Not even the site's default lists: they come with the first real import.
    expect(await listDocumentListItems(db(), { siteId, list: 'type' })).toEqual([]);
  });

  it('imports the valid rows as drafts in one go, audited, and refuses them the second time', async () => {
    const bytes = csvOf([HEADER, ...GOOD, ...BROKEN], ';');
    const result = await applyImport(db(), as('editor'), { bytes, fileName: 'van-ban.csv' });
    expect(result.created.map((c) => [c.line, c.number, c.slug])).toEqual([
      [2, '75/2021/NĐ-CP', '75-2021-nd-cp'],
      [3, '26/2020/TT-BLĐTBXH', '26-2020-tt-bldtbxh'],
    ]);
    expect(result.skipped.map((s) => s.line)).toEqual([4, 5, 6, 7, 8, 9]);
    const rows = await db().selectFrom('legal_documents').select(['number', 'publication', 'issuer', 'field_id']).orderBy('number').execute();
    expect(rows.map((r) => [r.number, r.publication])).toEqual([
      ['26/2020/TT-BLĐTBXH', 'draft'],
      ['75/2021/NĐ-CP', 'draft'],
    ]);
    expect((await listPublishedDocuments(db(), { siteId, now })).total).toBe(0);
    const audit = await db().selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'document.import%').execute();
    expect(audit.filter((a) => a.action === 'document.imported')).toHaveLength(2);
    expect(JSON.parse(audit.find((a) => a.action === 'document.import')!.detail)).toMatchObject({ fileName: 'van-ban.csv', created: 2, skipped: 6 });

    const again = await previewImport(db(), as('editor'), { bytes, fileName: 'van-ban.csv' });
    expect(again.rows.slice(0, 2).map((r) => r.errors.map((e) => e.message))).toEqual([['Số ký hiệu này đã có trong danh mục văn bản của trang.'], ['Số ký hiệu này đã có trong danh mục văn bản của trang.']]);
  });

  it('publishes on import only for those who may publish', async () => {
    const bytes = csvOf([HEADER, ...GOOD]);
    await expect(previewImport(db(), as('author'), { bytes, fileName: 'a.csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(applyImport(db(), as('editor'), { bytes, fileName: 'a.csv', isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await applyImport(db(), as('chief_editor'), { bytes, fileName: 'a.csv', isPublishing: true });
    expect(result.created).toHaveLength(2);
    const later = new Date(now.getTime() + 1000);
    expect((await listPublishedDocuments(db(), { siteId, now: later })).total).toBe(2);
    expect((await searchSite(db(), { siteId, query: '26/2020', now: later })).hits.map((h) => h.url)).toEqual(['/van-ban/26-2020-tt-bldtbxh']);
  });

  it('checks rows sent back from a preview again', async () => {
    await ensureDefaultLists(db(), { siteId, now });
    const preview = await previewImport(db(), as('editor'), { bytes: csvOf([HEADER, ...GOOD]), fileName: 'a.csv' });
    // Meanwhile someone created the first one; and the browser altered the second.
    await createLegalDocument(db(), as('editor'), { number: '75/2021/NĐ-CP', typeId: (await listDocumentListItems(db(), { siteId, list: 'type' }))[0]!.id, summary: 'Đã có' });
    const rows = preview.rows.map((r) => ({ line: r.line, cells: r.cells }));
    rows[1]!.cells.type = 'Không có';
    const result = await applyImport(db(), as('editor'), { rows });
    expect(result.created).toEqual([]);
    expect(result.skipped.map((s) => s.errors[0]!.column)).toEqual(['number', 'type']);
  });

  it('reads an XLSX built by Excel: dates, formulas as cached values, rich text, serial days', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Văn bản');
    sheet.addRow(HEADER);
    sheet.addRow(['75/2021/NĐ-CP', 'Nghị định', 'Chính phủ', 'Phạm Bình Minh', new Date(Date.UTC(2021, 6, 24)), new Date(Date.UTC(2021, 8, 15)), null, 'Người có công', 'Quy định mức hưởng']);
    sheet.addRow([{ formula: 'CONCATENATE("26/2020/","TT-BLĐTBXH")', result: '26/2020/TT-BLĐTBXH' }, { richText: [{ text: 'Thông ' }, { text: 'tư' }] }, 'Bộ Lao động - Thương binh và Xã hội', '', 44195, '', '', '', { formula: 'A1', result: 'Hướng dẫn' }]);
    sheet.addRow(['5/2021/NĐ-CP', 'Nghị định', 'Chính phủ', '', 'hôm qua', '', '', '', 'Ngày sai']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await previewImport(db(), as('editor'), { bytes, fileName: 'Danh mục.xlsx' });
    expect(preview).toMatchObject({ format: 'xlsx', validCount: 2, errorCount: 1 });
    expect(preview.rows.map((r) => r.document && [r.document.number, r.document.typeName, r.document.issuedOn, r.document.effectiveOn, r.document.summary])).toEqual([
      ['75/2021/NĐ-CP', 'Nghị định', '2021-07-24', '2021-09-15', 'Quy định mức hưởng'],
      ['26/2020/TT-BLĐTBXH', 'Thông tư', '2020-12-30', null, 'Hướng dẫn'],
      null,
    ]);
    expect(preview.rows[2]!.errors).toEqual([{ column: 'issuedOn', message: expect.stringContaining('"hôm qua" không hợp lệ') }]);
  });

  it('refuses files that are too big, too long, unreadable or without the columns', async () => {
    const refuse = (bytes: Buffer, fileName: string) => previewImport(db(), as('editor'), { bytes, fileName });
    await expect(refuse(Buffer.alloc(SHEET_LIMITS.bytes + 1, 0x41), 'a.csv')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const many = Array.from({ length: SHEET_LIMITS.rows + 1 }, (_, i) => [`${i + 1}/2021/QĐ-UBND`, 'Quyết định', 'UBND', '', '01/01/2021', '', '', '', 'x']);
    await expect(refuse(csvOf([HEADER, ...many]), 'a.csv')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // Blank lines between rows never make the last rows fall off silently.
    const blanks = Array.from({ length: 1_000 }, () => [] as string[]);
    await expect(refuse(csvOf([HEADER, ...blanks, ...many.slice(0, SHEET_LIMITS.rows)]), 'a.csv')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(refuse(Buffer.from('Số ký hiệu,Trích yếu\n1/2021/QĐ,x\n', 'latin1'), 'a.csv')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('UTF-8') });
    await expect(refuse(csvOf([['Số', 'Tên'], ['1/2021/QĐ', 'x']]), 'a.csv')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Bảng thiếu cột: Loại văn bản') });
    await expect(refuse(csvOf([HEADER]), 'a.csv')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(refuse(Buffer.from('%PDF-1.7'), 'a.pdf')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(refuse(Buffer.from('not a zip'), 'a.xlsx')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const bomb = deflatedZip([{ name: '[Content_Types].xml', data: Buffer.alloc(SHEET_LIMITS.uncompressedBytes + 1, 0x20), declaredSize: 10 }]);
    await expect(refuse(bomb, 'bom.xlsx')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const longCell = csvOf([HEADER, ['1/2021/QĐ-UBND', 'Quyết định', 'UBND', '', '01/01/2021', '', '', '', 'x'.repeat(SHEET_LIMITS.cellChars + 10)]]);
    expect((await refuse(longCell, 'a.csv')).rows[0]!.errors).toEqual([{ column: 'summary', message: 'Trích yếu dài quá 2.000 ký tự.' }]);
  });
});
