/**
 * Importing documents from a sheet (CSV or XLSX) with Vietnamese headers, in two steps:
 * a preview that writes nothing and says, row by row, what will be created and what is
 * wrong; then the import of the valid rows in one transaction, checked again (the
 * registry may have changed since, and rows sent back by a browser are not trusted).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, InvalidInputError, PayloadTooLargeError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { changeSiteContent } from '../sites/index.js';
import { formatDocumentDay, parseDocumentDay } from './document-dates.js';
import { DEFAULT_DOCUMENT_TYPES } from './document-collections.js';
import { DEFAULT_DOCUMENT_FIELDS, ensureDefaultLists } from './document-lists.js';
import { normaliseDocumentNumber, numberIdentity } from './document-numbers.js';
import { syncDocumentSearch } from './legal-documents.search.js';
import { checkDocumentFields, DOCUMENT_LIMITS, insertDocument, scheduleExpiries } from './legal-documents.service.js';
import { readSheet, SHEET_LIMITS, type SheetFormat } from './sheet-reader.js';

export const IMPORT_COLUMNS = [
  { key: 'number', header: 'Số ký hiệu', isRequired: true },
  { key: 'type', header: 'Loại văn bản', isRequired: true },
  { key: 'issuer', header: 'Cơ quan ban hành', isRequired: true },
  { key: 'signer', header: 'Người ký', isRequired: false },
  { key: 'issuedOn', header: 'Ngày ban hành', isRequired: true },
  { key: 'effectiveOn', header: 'Ngày hiệu lực', isRequired: false },
  { key: 'expiresOn', header: 'Ngày hết hiệu lực', isRequired: false },
  { key: 'field', header: 'Lĩnh vực', isRequired: false },
  { key: 'summary', header: 'Trích yếu', isRequired: true },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];
/** A data row's cells by column, as text. */
export type ImportCells = Record<ImportColumn, string>;

/** A row as read from the sheet: what applyImport takes back from a preview. */
export interface RawImportRow {
  /** The row number in the sheet. */
  line: number;
  cells: ImportCells;
}

export interface ImportRowError {
  /** The column at fault, or null for the row as a whole. */
  column: ImportColumn | null;
  message: string;
}

export interface ImportPreviewRow extends RawImportRow {
  /** What will be created (days as YYYY-MM-DD), when the row has no error. */
  document: { number: string; typeName: string; issuer: string; signer: string; issuedOn: string | null; effectiveOn: string | null; expiresOn: string | null; fieldName: string | null; summary: string } | null;
  errors: ImportRowError[];
}

export interface ImportPreview {
  format: SheetFormat;
  rows: ImportPreviewRow[];
  validCount: number;
  errorCount: number;
  /** Headers the import does not know (their columns are left out). */
  ignoredHeaders: string[];
}

const MAX_ERROR_ROWS_IN_AUDIT = 20;

const messages = {
  empty: 'Bảng không có dòng nào.',
  missingHeaders: (headers: string[]) => `Bảng thiếu cột: ${headers.join(', ')}.`,
  headersHelp: `Dòng đầu của bảng phải là tên các cột: ${IMPORT_COLUMNS.map((c) => c.header).join(', ')}.`,
  noDataRows: 'Bảng chỉ có dòng tiêu đề, chưa có văn bản nào.',
  required: (header: string) => `Thiếu ${header.toLowerCase()}.`,
  tooLong: (header: string, max: number) => `${header} dài quá ${max.toLocaleString('vi-VN')} ký tự.`,
  numberWithoutDigit: 'Số ký hiệu phải có chữ số, ví dụ 20/2021/NĐ-CP.',
  unknownType: (name: string, known: string[]) => `Loại văn bản "${name}" không có trong danh mục (có: ${known.join(', ')}).`,
  unknownField: (name: string) => `Lĩnh vực "${name}" không có trong danh mục của trang.`,
  badDay: (header: string, value: string) => `${header} "${value}" không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 16/01/2022.`,
  expiresBeforeIssued: 'Ngày hết hiệu lực phải sau ngày ban hành.',
  effectiveBeforeIssued: 'Ngày hiệu lực không được trước ngày ban hành.',
  duplicateInSheet: (line: number) => `Trùng số ký hiệu với dòng ${line} của bảng.`,
  alreadyInRegistry: 'Số ký hiệu này đã có trong danh mục văn bản của trang.',
  tooManyRows: `Mỗi lần nhập tối đa ${SHEET_LIMITS.rows.toLocaleString('vi-VN')} dòng.`,
} as const;

const LENGTHS: Record<ImportColumn, number> = {
  number: DOCUMENT_LIMITS.number,
  type: 100,
  issuer: DOCUMENT_LIMITS.issuer,
  signer: DOCUMENT_LIMITS.signer,
  issuedOn: 40,
  effectiveOn: 40,
  expiresOn: 40,
  field: 100,
  summary: DOCUMENT_LIMITS.summary,
};

/** A header's comparable form: folded, parentheses dropped ("Ngày ban hành (dd/mm/yyyy)" → "ngaybanhanh"). */
function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\(.*?\)/g, '')).replace(/[^a-z0-9]/g, '');
}
const COLUMN_BY_HEADER = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [headerKey(c.header), c.key]));
// A few common other spellings.
for (const [alias, key] of [['sohieu', 'number'], ['so', 'number'], ['kyhieu', 'number'], ['loai', 'type'], ['coquan', 'issuer'], ['noibanhanh', 'issuer'], ['nguoiky', 'signer'], ['linhvuc', 'field'], ['trichyeu', 'summary'], ['noidung', 'summary']] as const) {
  COLUMN_BY_HEADER.set(alias, key);
}

function nameKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Excel stores days as serial numbers (days since 1899-12-30) when a cell is not formatted as a date. */
function dayOf(text: string): string | null | undefined {
  const serial = /^\d{5}(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (serial >= 20_000 && serial <= 120_000) return parseDocumentDay(new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000));
  return parseDocumentDay(text);
}

interface Lists {
  types: Map<string, { id: string; name: string }>;
  fields: Map<string, { id: string; name: string }>;
}

/** The site's lists, or the defaults it will get on its first import (the preview writes nothing). */
async function readLists(db: Kysely<Database>, siteId: string): Promise<Lists> {
  const read = async (table: 'document_types' | 'document_fields', defaults: readonly string[]) => {
    const rows = await db.selectFrom(table).select(['id', 'name', 'slug']).where('site_id', '=', siteId).orderBy('position').execute();
    const items = rows.length ? rows : defaults.map((name) => ({ id: '', name, slug: '' }));
    const map = new Map<string, { id: string; name: string }>();
    for (const item of items) {
      map.set(nameKey(item.name), item);
      if (item.slug) map.set(nameKey(item.slug), item);
    }
    return map;
  };
  return { types: await read('document_types', DEFAULT_DOCUMENT_TYPES.map((t) => t.name)), fields: await read('document_fields', DEFAULT_DOCUMENT_FIELDS) };
}

/** Rows of a sheet keyed by column, from its header row. */
function rowsByColumn(sheetRows: { line: number; cells: string[] }[]): { rows: RawImportRow[]; ignoredHeaders: string[] } {
  const nonEmpty = sheetRows.filter((row) => row.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) throw new InvalidInputError(messages.empty, { field: 'file', help: messages.headersHelp });
  const positions = new Map<ImportColumn, number>();
  const ignoredHeaders: string[] = [];
  header.cells.forEach((text, index) => {
    const key = COLUMN_BY_HEADER.get(headerKey(text));
    if (key && !positions.has(key)) positions.set(key, index);
    else if (text.trim()) ignoredHeaders.push(text.trim().slice(0, 100));
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.isRequired && !positions.has(c.key)).map((c) => c.header);
  if (missing.length) throw new InvalidInputError(messages.missingHeaders(missing), { field: 'file', help: messages.headersHelp });
  const rows = nonEmpty.slice(1).map((row) => ({
    line: row.line,
    cells: Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, positions.has(c.key) ? (row.cells[positions.get(c.key)!] ?? '') : ''])) as ImportCells,
  }));
  if (rows.length === 0) throw new InvalidInputError(messages.noDataRows, { field: 'file', help: messages.headersHelp });
  return { rows, ignoredHeaders };
}

/** Checks the rows against the site's lists and registry, and each other. Reads only. */
async function checkRows(db: Kysely<Database>, siteId: string, rows: RawImportRow[]): Promise<ImportPreviewRow[]> {
  const lists = await readLists(db, siteId);
  const typeNames = [...new Set([...lists.types.values()].map((t) => t.name))];
  const checked = rows.map((raw): ImportPreviewRow & { key: string } => {
    const errors: ImportRowError[] = [];
    const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, toNfc(String(raw.cells[c.key] ?? '')).replace(/\s+/g, ' ').trim()])) as ImportCells;
    for (const column of IMPORT_COLUMNS) {
      const value = cells[column.key];
      if (column.isRequired && !value) errors.push({ column: column.key, message: messages.required(column.header) });
      else if (value.length > LENGTHS[column.key]) errors.push({ column: column.key, message: messages.tooLong(column.header, LENGTHS[column.key]) });
    }
    const bad = new Set(errors.map((e) => e.column));
    const key = normaliseDocumentNumber(cells.number);
    if (!bad.has('number') && !key) errors.push({ column: 'number', message: messages.numberWithoutDigit });
    const type = lists.types.get(nameKey(cells.type));
    if (!bad.has('type') && !type) errors.push({ column: 'type', message: messages.unknownType(cells.type, typeNames) });
    const field = cells.field ? lists.fields.get(nameKey(cells.field)) : undefined;
    if (cells.field && !bad.has('field') && !field) errors.push({ column: 'field', message: messages.unknownField(cells.field) });
    const days = {} as Record<'issuedOn' | 'effectiveOn' | 'expiresOn', string | null>;
    for (const column of ['issuedOn', 'effectiveOn', 'expiresOn'] as const) {
      const day = bad.has(column) ? null : dayOf(cells[column]);
      if (day === undefined) errors.push({ column, message: messages.badDay(IMPORT_COLUMNS.find((c) => c.key === column)!.header, cells[column]) });
      days[column] = day ?? null;
    }
    if (days.issuedOn && days.expiresOn && days.expiresOn <= days.issuedOn) errors.push({ column: 'expiresOn', message: messages.expiresBeforeIssued });
    if (days.issuedOn && days.effectiveOn && days.effectiveOn < days.issuedOn) errors.push({ column: 'effectiveOn', message: messages.effectiveBeforeIssued });
    const document = errors.length
      ? null
      : { number: cells.number, typeName: type!.name, issuer: cells.issuer, signer: cells.signer, ...days, fieldName: field?.name ?? null, summary: cells.summary };
    return { line: raw.line, cells, document, errors, key };
  });

  // The same number twice in the sheet (for a number without a year: in the same year).
  const identity = (row: { key: string; document: ImportPreviewRow['document'] }) => numberIdentity(row.key, row.document?.issuedOn);
  const firstLine = new Map<string, number>();
  for (const row of checked) {
    if (!row.key || !row.document) continue;
    const id = identity(row);
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, row.line);
    else row.errors.push({ column: 'number', message: messages.duplicateInSheet(first) });
  }
  // Numbers the registry has (one query per 500 numbers).
  const identities = [...new Set(checked.filter((r) => r.key && r.document).map(identity))];
  const existing = new Set<string>();
  for (let start = 0; start < identities.length; start += 500) {
    const found = await db.selectFrom('legal_documents').select('number_identity').where('site_id', '=', siteId).where('number_identity', 'in', identities.slice(start, start + 500)).execute();
    for (const row of found) existing.add(row.number_identity);
  }
  for (const row of checked) {
    if (row.document && existing.has(identity(row))) row.errors.push({ column: 'number', message: messages.alreadyInRegistry });
  }
  return checked.map(({ key: _key, ...row }) => ({ ...row, document: row.errors.length ? null : row.document }));
}

function summarise(format: SheetFormat, rows: ImportPreviewRow[], ignoredHeaders: string[]): ImportPreview {
  const validCount = rows.filter((r) => r.errors.length === 0).length;
  return { format, rows, validCount, errorCount: rows.length - validCount, ignoredHeaders };
}

/**
 * Reads a sheet and tells what importing it would create, row by row. Writes nothing.
 * @throws FORBIDDEN without document.edit; PAYLOAD_TOO_LARGE; INVALID_INPUT for an unreadable file or missing columns.
 */
export async function previewImport(db: Kysely<Database>, scope: RequestScope, input: { bytes: Buffer; fileName: string }): Promise<ImportPreview> {
  requirePermission(scope.actor, 'document.edit');
  const sheet = await readSheet(input);
  const { rows, ignoredHeaders } = rowsByColumn(sheet.rows);
  return summarise(sheet.format, await checkRows(db, scope.siteId, rows), ignoredHeaders);
}

export interface ImportResult {
  created: { line: number; id: string; number: string; slug: string }[];
  /** Rows not imported, with why. */
  skipped: ImportPreviewRow[];
}

/**
 * Creates the valid rows of a sheet (sent again, or the rows of its preview) as drafts,
 * or published when asked by someone who may publish, in one transaction with one audit
 * entry per document and one for the import. Rows are checked again first.
 * @throws FORBIDDEN (document.publish to publish); PAYLOAD_TOO_LARGE; INVALID_INPUT.
 */
export async function applyImport(
  db: Kysely<Database>,
  scope: RequestScope,
  input: ({ bytes: Buffer; fileName: string } | { rows: RawImportRow[]; fileName?: string }) & { isPublishing?: boolean },
): Promise<ImportResult> {
  requirePermission(scope.actor, 'document.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'document.publish');
  let rows: RawImportRow[];
  if ('bytes' in input) {
    rows = rowsByColumn((await readSheet(input)).rows).rows;
  } else {
    if (!Array.isArray(input.rows) || input.rows.length === 0) throw new InvalidInputError(messages.noDataRows, { field: 'rows' });
    if (input.rows.length > SHEET_LIMITS.rows) throw new PayloadTooLargeError(messages.tooManyRows, { field: 'rows' });
    rows = input.rows.map((row) => ({
      line: Number.isSafeInteger(row?.line) ? row.line : 0,
      cells: Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, String(row?.cells?.[c.key] ?? '').slice(0, SHEET_LIMITS.cellChars + 1)])) as ImportCells,
    }));
  }
  const isPublishing = Boolean(input.isPublishing);
  return inTransaction(db, async (trx) => {
    await ensureDefaultLists(trx, { siteId: scope.siteId, now: scope.now });
    const checked = await checkRows(trx, scope.siteId, rows);
    const lists = await readLists(trx, scope.siteId);
    const created: ImportResult['created'] = [];
    const skipped: ImportPreviewRow[] = [];
    for (const row of checked) {
      if (!row.document) {
        skipped.push(row);
        continue;
      }
      const doc = row.document;
      try {
        const fields = await checkDocumentFields(trx, scope.siteId, {
          number: doc.number,
          typeId: lists.types.get(nameKey(doc.typeName))?.id,
          issuer: doc.issuer,
          signer: doc.signer,
          issuedOn: doc.issuedOn,
          effectiveOn: doc.effectiveOn,
          expiresOn: doc.expiresOn,
          fieldId: doc.fieldName ? (lists.fields.get(nameKey(doc.fieldName))?.id ?? null) : null,
          summary: doc.summary,
        });
        const result = await insertDocument(trx, scope, fields, { isPublishing, auditAction: 'document.imported', auditDetail: { line: row.line }, isDeferringPublicChanges: true });
        created.push({ line: row.line, number: doc.number, ...result });
      } catch (error) {
        // Only our own checks (no failed SQL statement) end here, so the transaction goes on.
        if (!(error instanceof AppError)) throw error;
        skipped.push({ ...row, document: null, errors: [{ column: error.field === 'number' ? 'number' : null, message: error.message }] });
      }
    }
    if (isPublishing && created.length) {
      await changeSiteContent(trx, scope.siteId, async () => {
        for (const doc of created) await syncDocumentSearch(trx, { siteId: scope.siteId, documentId: doc.id });
        await scheduleExpiries(trx, scope, created.map((doc) => doc.id));
      });
    }
    await recordAudit(trx, scope, {
      action: 'document.import',
      targetType: 'document',
      detail: { fileName: String(input.fileName ?? '').slice(0, 200), created: created.length, skipped: skipped.length, published: isPublishing, skippedLines: skipped.slice(0, MAX_ERROR_ROWS_IN_AUDIT).map((r) => r.line) },
    });
    return { created, skipped };
  });
}

/** A preview row's days as staff read them (16/01/2022), for the preview table. */
export function previewDays(row: ImportPreviewRow): { issuedOn: string; effectiveOn: string; expiresOn: string } {
  return { issuedOn: formatDocumentDay(row.document?.issuedOn ?? null), effectiveOn: formatDocumentDay(row.document?.effectiveOn ?? null), expiresOn: formatDocumentDay(row.document?.expiresOn ?? null) };
}
