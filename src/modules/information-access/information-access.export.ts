/**
 * The requests as a spreadsheet (CSV or XLSX) for the handling staff. Every cell a citizen
 * wrote goes through safeSheetCell (a cell starting with = + - @ tab or CR would run as a
 * formula), XLSX cells are written as text (never formulas), and each export is audited:
 * it carries personal data. The citizen number is masked: a list never needs it whole.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { formatDate, formatDateTime } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { safeSheetCell } from '../public-forms/index.js';
import { DELIVERY_LABELS, STATUS_LABELS, maskIdNumber, type DeliveryMethod, type RequestStatus } from './request-rules.js';

const MAX_ROWS = 10_000;
const HEADER = ['Mã tra cứu', 'Ngày nhận', 'Hạn trả lời', 'Tình trạng', 'Họ và tên', 'Số định danh', 'Địa chỉ', 'Số điện thoại', 'Thư điện tử', 'Thông tin yêu cầu', 'Mục đích', 'Cách nhận'];

const dayText = (day: string) => formatDate(`${day}T12:00:00+07:00`);

async function sheetRows(db: Kysely<Database>, scope: RequestScope, format: 'csv' | 'xlsx'): Promise<string[][]> {
  requirePermission(scope.actor, 'information_request.handle');
  const rows = await db
    .selectFrom('information_requests')
    .select(['tracking_code', 'received_at', 'due_day', 'status', 'full_name', 'id_number', 'address', 'phone', 'email', 'content', 'purpose', 'delivery'])
    .where('site_id', '=', scope.siteId)
    .orderBy('received_at', 'desc')
    .limit(MAX_ROWS)
    .execute();
  await recordAudit(db, scope, { action: 'information_request.exported', targetType: 'site', targetId: scope.siteId, detail: { rows: rows.length, format } });
  return rows.map((r) =>
    [
      r.tracking_code,
      formatDateTime(r.received_at),
      dayText(r.due_day),
      STATUS_LABELS[r.status as RequestStatus] ?? r.status,
      r.full_name,
      maskIdNumber(r.id_number),
      r.address,
      r.phone,
      r.email,
      r.content,
      r.purpose,
      DELIVERY_LABELS[r.delivery as DeliveryMethod] ?? r.delivery,
    ].map(safeSheetCell),
  );
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** @throws FORBIDDEN without information_request.handle. */
export async function exportRequestsCsv(db: Kysely<Database>, scope: RequestScope): Promise<{ csv: string; rows: number }> {
  const rows = await sheetRows(db, scope, 'csv');
  // A BOM so that Excel reads the Vietnamese as UTF-8.
  return { csv: `\ufeff${[HEADER, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`, rows: rows.length };
}

/** @throws FORBIDDEN without information_request.handle. */
export async function exportRequestsXlsx(db: Kysely<Database>, scope: RequestScope): Promise<{ bytes: Buffer; rows: number }> {
  const rows = await sheetRows(db, scope, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Yêu cầu cung cấp thông tin');
  sheet.addRow(HEADER).font = { bold: true };
  // Plain strings are stored as text cells by exceljs: nothing here becomes a formula.
  for (const cells of rows) sheet.addRow(cells);
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length };
}
