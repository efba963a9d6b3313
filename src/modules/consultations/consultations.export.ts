/**
 * A consultation's comments as a spreadsheet (CSV or XLSX) for the staff who handle them,
 * with the list's filters. Every cell a citizen wrote goes through safeSheetCell (a cell
 * starting with = + - @ tab or CR would run as a formula); XLSX cells are written as text.
 * Each export carries personal data and is audited.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { formatDateTime } from '../../platform/i18n/vi.js';
import { recordAudit } from '../audit/index.js';
import { safeSheetCell } from '../public-forms/index.js';
import { ORG_TYPE_LABELS } from './consultation-rules.js';
import { listComments, type CommentFilters } from './consultations.service.js';

const MAX_ROWS = 10_000;
const HEADER = ['Mã biên nhận', 'Thời điểm nhận', 'Người góp ý', 'Đối tượng', 'Thư điện tử', 'Số điện thoại', 'Điều, khoản', 'Nội dung góp ý'];

async function sheetRows(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; filters?: CommentFilters }, format: 'csv' | 'xlsx'): Promise<string[][]> {
  const { items } = await listComments(db, scope, { consultationId: input.consultationId, filters: input.filters, page: 1, pageSize: MAX_ROWS });
  await recordAudit(db, scope, { action: 'consultation.comments_exported', targetType: 'consultation', targetId: input.consultationId, detail: { rows: items.length, format } });
  return items.map((c) => [c.receiptCode, formatDateTime(c.receivedAt), c.name, c.orgType ? ORG_TYPE_LABELS[c.orgType] : '', c.email, c.phone, c.section, c.body].map(safeSheetCell));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** @throws FORBIDDEN without consultation.edit; NOT_FOUND; INVALID_INPUT for a bad filter. */
export async function exportCommentsCsv(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; filters?: CommentFilters }): Promise<{ csv: string; rows: number }> {
  const rows = await sheetRows(db, scope, input, 'csv');
  // A BOM so that Excel reads the Vietnamese as UTF-8.
  return { csv: `\ufeff${[HEADER, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`, rows: rows.length };
}

/** @throws FORBIDDEN without consultation.edit; NOT_FOUND; INVALID_INPUT for a bad filter. */
export async function exportCommentsXlsx(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; filters?: CommentFilters }): Promise<{ bytes: Buffer; rows: number }> {
  const rows = await sheetRows(db, scope, input, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Góp ý dự thảo');
  sheet.addRow(HEADER).font = { bold: true };
  // Plain strings are stored as text cells by exceljs: nothing here becomes a formula.
  for (const cells of rows) sheet.addRow(cells);
  sheet.getColumn(8).width = 80;
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length };
}
