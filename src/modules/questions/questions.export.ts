/**
 * The inbox as a CSV file for staff's spreadsheets. Every cell a citizen wrote goes
 * through safeSheetCell (a cell starting with = + - @ tab or CR would run as a formula);
 * contact details are included only for 'question.publish', and such an export is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { formatDate, formatDateTime } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { safeSheetCell } from '../public-forms/index.js';
import { STATUS_LABELS, type QuestionStatus } from './question-rules.js';

const MAX_ROWS = 10_000;

function csvCell(value: string): string {
  const safe = safeSheetCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** @throws FORBIDDEN without question.answer. */
export async function exportInboxCsv(db: Kysely<Database>, scope: RequestScope): Promise<{ csv: string; rows: number }> {
  requirePermission(scope.actor, 'question.answer');
  const withContacts = hasPermission(scope.actor, 'question.publish');
  const rows = await db
    .selectFrom('questions as q')
    .leftJoin('question_topics as t', 't.id', 'q.topic_id')
    .leftJoin('users as u', 'u.id', 'q.assignee_id')
    .select(['q.tracking_code', 'q.title', 'q.body', 'q.status', 'q.received_at', 'q.due_day', 'q.asker_name', 'q.email', 'q.phone', 't.name as topic_name', 'u.display_name as assignee_name'])
    .where('q.site_id', '=', scope.siteId)
    .orderBy('q.received_at', 'desc')
    .limit(MAX_ROWS)
    .execute();
  const header = ['Mã tra cứu', 'Tiêu đề', 'Nội dung', 'Lĩnh vực', 'Ngày nhận', 'Hạn trả lời', 'Tình trạng', 'Người xử lý', ...(withContacts ? ['Người hỏi', 'Thư điện tử', 'Số điện thoại'] : [])];
  const lines = rows.map((r) =>
    [
      r.tracking_code,
      r.title,
      r.body,
      r.topic_name ?? '',
      formatDateTime(r.received_at),
      formatDate(`${r.due_day}T12:00:00+07:00`),
      STATUS_LABELS[r.status as QuestionStatus] ?? r.status,
      r.assignee_name ?? '',
      ...(withContacts ? [r.asker_name, r.email, r.phone] : []),
    ]
      .map(csvCell)
      .join(','),
  );
  if (withContacts) await recordAudit(db, scope, { action: 'question.inbox_exported', targetType: 'site', targetId: scope.siteId, detail: { rows: rows.length, withContacts } });
  // A BOM so that Excel reads the Vietnamese as UTF-8.
  return { csv: `\ufeff${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`, rows: rows.length };
}
