/**
 * Importing procedures from a sheet (CSV or XLSX, read by the legal documents' sheet
 * reader) with Vietnamese headers, in two steps: a preview that writes nothing and says,
 * row by row, what will be created and what is wrong; then the import of the valid rows
 * in one transaction, checked again. Thành phần hồ sơ is one cell, one document per line.
 * Every required column is what publishing needs, so a valid row can also be published.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { readSheet, SHEET_LIMITS, type SheetFormat } from '../legal-documents/index.js';
import { changeSiteContent } from '../sites/index.js';
import { DEFAULT_PROCEDURE_FIELDS, ensureDefaultProcedureFields } from './procedure-fields.js';
import { codeKey, LEVEL_LABELS, nationalPortalUrl, ONLINE_LEVEL_LABELS, parseDocumentLines, workingDaysIn, type ProcedureDocument } from './procedure-rules.js';
import { syncProcedureSearch } from './public-services.search.js';
import { checkProcedureFields, conflictOf, insertProcedure, PROCEDURE_LIMITS, type ProcedureFields } from './public-services.service.js';

export const PROCEDURE_IMPORT_COLUMNS = [
  { key: 'code', header: 'Mã thủ tục', isRequired: false },
  { key: 'name', header: 'Tên thủ tục', isRequired: true },
  { key: 'field', header: 'Lĩnh vực', isRequired: true },
  { key: 'level', header: 'Cấp thực hiện', isRequired: true },
  { key: 'agency', header: 'Cơ quan thực hiện', isRequired: true },
  { key: 'onlineLevel', header: 'Mức độ', isRequired: false },
  { key: 'methods', header: 'Cách thức thực hiện', isRequired: false },
  { key: 'steps', header: 'Trình tự thực hiện', isRequired: false },
  { key: 'documents', header: 'Thành phần hồ sơ', isRequired: true },
  { key: 'timeLimit', header: 'Thời hạn giải quyết', isRequired: true },
  { key: 'timeLimitDays', header: 'Số ngày làm việc', isRequired: false },
  { key: 'fee', header: 'Phí, lệ phí', isRequired: true },
  { key: 'result', header: 'Kết quả thực hiện', isRequired: false },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', isRequired: false },
  { key: 'portalUrl', header: 'Liên kết Cổng Dịch vụ công', isRequired: false },
] as const;

export type ProcedureImportColumn = (typeof PROCEDURE_IMPORT_COLUMNS)[number]['key'];
export type ProcedureImportCells = Record<ProcedureImportColumn, string>;

export interface ProcedureImportRow {
  /** The row number in the sheet. */
  line: number;
  cells: ProcedureImportCells;
  /** What will be created, when the row has no error. */
  procedure: { code: string; name: string; fieldName: string; levelLabel: string; onlineLevelLabel: string; documents: ProcedureDocument[]; timeLimit: string; fee: string; portalUrl: string } | null;
  errors: { column: ProcedureImportColumn | null; message: string }[];
}

export interface ProcedureImportPreview {
  format: SheetFormat;
  rows: ProcedureImportRow[];
  validCount: number;
  errorCount: number;
  /** Headers the import does not know (their columns are left out). */
  ignoredHeaders: string[];
}

export interface ProcedureImportResult {
  created: { line: number; id: string; slug: string; name: string }[];
  skipped: ProcedureImportRow[];
}

const MAX_ERROR_ROWS_IN_AUDIT = 20;

const messages = {
  empty: 'Bảng không có dòng nào.',
  missingHeaders: (headers: string[]) => `Bảng thiếu cột: ${headers.join(', ')}.`,
  headersHelp: `Dòng đầu của bảng phải là tên các cột: ${PROCEDURE_IMPORT_COLUMNS.map((c) => c.header).join(', ')}.`,
  noDataRows: 'Bảng chỉ có dòng tiêu đề, chưa có thủ tục nào.',
  required: (header: string) => `Thiếu ${header.toLowerCase()}.`,
  tooLong: (header: string, max: number) => `${header} dài quá ${max.toLocaleString('vi-VN')} ký tự.`,
  unknownField: (name: string, known: string[]) => `Lĩnh vực "${name}" không có trong danh mục (có: ${known.join(', ')}).`,
  duplicateInSheet: (line: number) => `Trùng mã thủ tục với dòng ${line} của bảng.`,
  alreadyOnSite: 'Mã thủ tục này đã có trong danh mục thủ tục của trang.',
} as const;

/** Cell lengths before the service's own limits (a cut cell is reported, never stored cut). */
const LENGTHS: Record<ProcedureImportColumn, number> = {
  code: 40,
  name: PROCEDURE_LIMITS.name,
  field: 100,
  level: 40,
  agency: PROCEDURE_LIMITS.agency,
  onlineLevel: 40,
  methods: PROCEDURE_LIMITS.methods,
  steps: SHEET_LIMITS.cellChars,
  documents: SHEET_LIMITS.cellChars,
  timeLimit: PROCEDURE_LIMITS.timeLimit,
  timeLimitDays: 10,
  fee: PROCEDURE_LIMITS.fee,
  result: PROCEDURE_LIMITS.result,
  legalBasis: PROCEDURE_LIMITS.legalBasis,
  portalUrl: 500,
};

/** Columns whose cells keep their line breaks. */
const MULTILINE = new Set<ProcedureImportColumn>(['methods', 'steps', 'documents', 'legalBasis']);

/** A header's comparable form: folded, parentheses dropped ("Mức độ (Toàn trình/Một phần)" → "mucdo"). */
function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\(.*?\)/g, '')).replace(/[^a-z0-9]/g, '');
}
const COLUMN_BY_HEADER = new Map<string, ProcedureImportColumn>(PROCEDURE_IMPORT_COLUMNS.map((c) => [headerKey(c.header), c.key]));
for (const [alias, key] of [
  ['ma', 'code'],
  ['mattc', 'code'],
  ['ten', 'name'],
  ['tenthutuchanhchinh', 'name'],
  ['capthuchien', 'level'],
  ['cap', 'level'],
  ['coquan', 'agency'],
  ['mucdodichvucongtructuyen', 'onlineLevel'],
  ['hoso', 'documents'],
  ['thoihan', 'timeLimit'],
  ['phi', 'fee'],
  ['lephi', 'fee'],
  ['philephi', 'fee'],
  ['ketqua', 'result'],
  ['lienket', 'portalUrl'],
  ['duongdan', 'portalUrl'],
] as const) {
  COLUMN_BY_HEADER.set(alias, key);
}

function nameKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The site's fields, or the defaults it will get on its first import (the preview writes nothing). */
async function readFields(db: Kysely<Database>, siteId: string): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.selectFrom('procedure_fields').select(['id', 'name', 'slug']).where('site_id', '=', siteId).orderBy('position').execute();
  const items = rows.length ? rows : DEFAULT_PROCEDURE_FIELDS.map((name) => ({ id: '', name, slug: '' }));
  const map = new Map<string, { id: string; name: string }>();
  for (const item of items) {
    map.set(nameKey(item.name), item);
    if (item.slug) map.set(nameKey(item.slug), item);
  }
  return map;
}

function rowsByColumn(sheetRows: { line: number; cells: string[] }[]): { rows: { line: number; cells: ProcedureImportCells }[]; ignoredHeaders: string[] } {
  const nonEmpty = sheetRows.filter((row) => row.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) throw new InvalidInputError(messages.empty, { field: 'file', help: messages.headersHelp });
  const positions = new Map<ProcedureImportColumn, number>();
  const ignoredHeaders: string[] = [];
  header.cells.forEach((text, index) => {
    const key = COLUMN_BY_HEADER.get(headerKey(text));
    if (key && !positions.has(key)) positions.set(key, index);
    else if (text.trim()) ignoredHeaders.push(text.trim().slice(0, 100));
  });
  const missing = PROCEDURE_IMPORT_COLUMNS.filter((c) => c.isRequired && !positions.has(c.key)).map((c) => c.header);
  if (missing.length) throw new InvalidInputError(messages.missingHeaders(missing), { field: 'file', help: messages.headersHelp });
  const rows = nonEmpty.slice(1).map((row) => ({
    line: row.line,
    cells: Object.fromEntries(PROCEDURE_IMPORT_COLUMNS.map((c) => [c.key, positions.has(c.key) ? (row.cells[positions.get(c.key)!] ?? '') : ''])) as ProcedureImportCells,
  }));
  if (rows.length === 0) throw new InvalidInputError(messages.noDataRows, { field: 'file', help: messages.headersHelp });
  return { rows, ignoredHeaders };
}

/** Sheet text as the paragraphs of trình tự (escaped: the cell is text, not HTML). */
function stepsHtmlOf(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

/** The service's field names in a row's columns. */
const COLUMN_OF_FIELD: Record<string, ProcedureImportColumn> = { code: 'code', name: 'name', fieldId: 'field', level: 'level', agency: 'agency', onlineLevel: 'onlineLevel', methods: 'methods', stepsHtml: 'steps', documents: 'documents', timeLimit: 'timeLimit', timeLimitDays: 'timeLimitDays', fee: 'fee', result: 'result', legalBasis: 'legalBasis', portalUrl: 'portalUrl' };

/** Checks the rows against the site's fields and procedures, and each other. Reads only; `fields` of valid rows are what to insert. */
async function checkRows(db: Kysely<Database>, siteId: string, rows: { line: number; cells: ProcedureImportCells }[]): Promise<(ProcedureImportRow & { fields: ProcedureFields | null })[]> {
  const fieldsByName = await readFields(db, siteId);
  const fieldNames = [...new Set([...fieldsByName.values()].map((f) => f.name))];
  const checked: (ProcedureImportRow & { fields: ProcedureFields | null })[] = [];
  for (const raw of rows) {
    const errors: ProcedureImportRow['errors'] = [];
    const cells = Object.fromEntries(
      PROCEDURE_IMPORT_COLUMNS.map((c) => {
        const text = toNfc(String(raw.cells[c.key] ?? '')).replace(/\r\n?/g, '\n');
        return [c.key, MULTILINE.has(c.key) ? text.trim() : text.replace(/\s+/g, ' ').trim()];
      }),
    ) as ProcedureImportCells;
    for (const column of PROCEDURE_IMPORT_COLUMNS) {
      const value = cells[column.key];
      if (column.isRequired && !value) errors.push({ column: column.key, message: messages.required(column.header) });
      else if (value.length > LENGTHS[column.key]) errors.push({ column: column.key, message: messages.tooLong(column.header, LENGTHS[column.key]) });
    }
    const bad = new Set(errors.map((e) => e.column));
    const field = cells.field ? fieldsByName.get(nameKey(cells.field)) : undefined;
    if (cells.field && !bad.has('field') && !field) errors.push({ column: 'field', message: messages.unknownField(cells.field, fieldNames) });
    if (!bad.has('documents') && cells.documents) {
      for (const e of parseDocumentLines(cells.documents).errors) errors.push({ column: 'documents', message: e.message });
    }
    let fields: ProcedureFields | null = null;
    if (errors.length === 0) {
      try {
        fields = await checkProcedureFields(db, siteId, {
          code: cells.code,
          name: cells.name,
          // The preview of a site without fields yet checks against the defaults (no ids).
          fieldId: field?.id || null,
          level: cells.level,
          agency: cells.agency,
          onlineLevel: cells.onlineLevel || 'partial',
          methods: cells.methods,
          stepsHtml: stepsHtmlOf(cells.steps),
          documents: cells.documents,
          timeLimit: cells.timeLimit,
          timeLimitDays: cells.timeLimitDays === '' ? workingDaysIn(cells.timeLimit) : cells.timeLimitDays,
          fee: cells.fee,
          result: cells.result,
          legalBasis: cells.legalBasis,
          // A national code without a link gets its page on the national portal.
          portalUrl: cells.portalUrl || (cells.code ? nationalPortalUrl(cells.code) : ''),
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ column: (error.field && COLUMN_OF_FIELD[error.field]) || null, message: error.message });
      }
    }
    checked.push({ line: raw.line, cells, errors, fields, procedure: null });
  }

  // The same code twice in the sheet, or already on the site (one query per 500 codes).
  const firstLine = new Map<string, number>();
  for (const row of checked) {
    const key = row.fields && codeKey(row.fields.code);
    if (!key) continue;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, row.line);
    else row.errors.push({ column: 'code', message: messages.duplicateInSheet(first) });
  }
  const keys = [...firstLine.keys()];
  const existing = new Set<string>();
  for (let start = 0; start < keys.length; start += 500) {
    const found = await db.selectFrom('procedures').select('code_key').where('site_id', '=', siteId).where('code_key', 'in', keys.slice(start, start + 500)).execute();
    for (const row of found) if (row.code_key) existing.add(row.code_key);
  }
  for (const row of checked) {
    const key = row.fields && codeKey(row.fields.code);
    if (key && existing.has(key)) row.errors.push({ column: 'code', message: messages.alreadyOnSite });
  }
  return checked.map((row) => {
    if (row.errors.length || !row.fields) return { ...row, fields: null, procedure: null };
    const f = row.fields;
    return {
      ...row,
      procedure: { code: f.code, name: f.name, fieldName: fieldsByName.get(nameKey(row.cells.field))?.name ?? '', levelLabel: LEVEL_LABELS[f.level], onlineLevelLabel: ONLINE_LEVEL_LABELS[f.onlineLevel], documents: f.documents, timeLimit: f.timeLimit, fee: f.fee, portalUrl: f.portalUrl },
    };
  });
}

function summarise(format: SheetFormat, rows: ProcedureImportRow[], ignoredHeaders: string[]): ProcedureImportPreview {
  const validCount = rows.filter((r) => r.errors.length === 0).length;
  return { format, rows, validCount, errorCount: rows.length - validCount, ignoredHeaders };
}

/**
 * Reads a sheet and tells what importing it would create, row by row. Writes nothing.
 * @throws FORBIDDEN without procedure.edit; PAYLOAD_TOO_LARGE; INVALID_INPUT for an unreadable file or missing columns.
 */
export async function previewProcedureImport(db: Kysely<Database>, scope: RequestScope, input: { bytes: Buffer; fileName: string }): Promise<ProcedureImportPreview> {
  requirePermission(scope.actor, 'procedure.edit');
  const sheet = await readSheet(input);
  const { rows, ignoredHeaders } = rowsByColumn(sheet.rows);
  const checked = await checkRows(db, scope.siteId, rows);
  return summarise(sheet.format, checked.map(({ fields: _fields, ...row }) => row), ignoredHeaders);
}

/**
 * Creates the valid rows of a sheet as drafts, or published when asked by someone who may
 * publish, in one transaction with one audit entry per procedure and one for the import.
 * The sheet is read and checked again (the site may have changed since the preview).
 * @throws FORBIDDEN (procedure.publish to publish); PAYLOAD_TOO_LARGE; INVALID_INPUT.
 */
export async function applyProcedureImport(db: Kysely<Database>, scope: RequestScope, input: { bytes: Buffer; fileName: string; isPublishing?: boolean }): Promise<ProcedureImportResult> {
  requirePermission(scope.actor, 'procedure.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'procedure.publish');
  const { rows } = rowsByColumn((await readSheet(input)).rows);
  const isPublishing = Boolean(input.isPublishing);
  // A procedure another request wrote with one of these codes meanwhile fails the whole
  // import on its unique key (a failed statement ends the transaction): told as a conflict.
  return inTransaction(db, async (trx) => {
    await ensureDefaultProcedureFields(trx, { siteId: scope.siteId, now: scope.now });
    const checked = await checkRows(trx, scope.siteId, rows);
    const created: ProcedureImportResult['created'] = [];
    const skipped: ProcedureImportRow[] = [];
    for (const { fields, ...row } of checked) {
      if (!fields) {
        skipped.push(row);
        continue;
      }
      try {
        const result = await insertProcedure(trx, scope, fields, { isPublishing, auditAction: 'procedure.imported', auditDetail: { line: row.line }, isDeferringPublicChanges: true });
        created.push({ line: row.line, name: fields.name, ...result });
      } catch (error) {
        // Only our own checks (no failed SQL statement) end here, so the transaction goes on.
        if (!(error instanceof AppError)) throw error;
        skipped.push({ ...row, procedure: null, errors: [{ column: error.field === 'code' ? 'code' : null, message: error.message }] });
      }
    }
    if (isPublishing && created.length) {
      await changeSiteContent(trx, scope.siteId, async () => {
        for (const procedure of created) await syncProcedureSearch(trx, { siteId: scope.siteId, procedureId: procedure.id });
      });
    }
    await recordAudit(trx, scope, {
      action: 'procedure.import',
      targetType: 'procedure',
      detail: { fileName: String(input.fileName ?? '').slice(0, 200), created: created.length, skipped: skipped.length, published: isPublishing, skippedLines: skipped.slice(0, MAX_ERROR_ROWS_IN_AUDIT).map((r) => r.line) },
    });
    return { created, skipped };
  }).catch((error: unknown) => {
    throw conflictOf(error);
  });
}
