/**
 * The operator's report (/admin/hoi-dap/bao-cao): per month of receipt, how many questions
 * came, were answered, on time or late, are still open past their deadline, and the average
 * working days to answer.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { requirePermission } from '../accounts/index.js';
import { loadHolidays, vietnamDay, workingDaysBetween } from '../working-days/index.js';

export interface MonthReport {
  /** 'YYYY-MM' */
  month: string;
  received: number;
  answered: number;
  onTime: number;
  late: number;
  rejected: number;
  /** Open and past the deadline today. */
  overdue: number;
  /** Average working days from receipt to answer; null when none answered. */
  averageDays: number | null;
}

/** The last `months` months of receipt, newest first. @throws FORBIDDEN without question.publish. */
export async function questionReport(db: Kysely<Database>, scope: RequestScope, input: { months?: number } = {}): Promise<MonthReport[]> {
  requirePermission(scope.actor, 'question.publish');
  const months = Math.min(36, Math.max(1, input.months ?? 12));
  const start = new Date(scope.now);
  start.setUTCMonth(start.getUTCMonth() - months + 1, 1);
  const firstDay = `${vietnamDay(start).slice(0, 7)}-01`;
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  const today = vietnamDay(scope.now);
  // A month is at most a few thousand questions at an agency: summed here, the same on both engines.
  const rows = await db.selectFrom('questions').select(['received_day', 'due_day', 'status', 'answered_at']).where('site_id', '=', scope.siteId).where('received_day', '>=', firstDay).execute();
  const byMonth = new Map<string, MonthReport & { totalDays: number }>();
  for (const row of rows) {
    const month = row.received_day.slice(0, 7);
    const entry = byMonth.get(month) ?? { month, received: 0, answered: 0, onTime: 0, late: 0, rejected: 0, overdue: 0, averageDays: null, totalDays: 0 };
    entry.received++;
    if (row.status === 'answered' && row.answered_at) {
      const answeredDay = vietnamDay(new Date(row.answered_at));
      entry.answered++;
      if (answeredDay <= row.due_day) entry.onTime++;
      else entry.late++;
      entry.totalDays += Math.max(0, workingDaysBetween(row.received_day, answeredDay, holidays));
    } else if (row.status === 'rejected') entry.rejected++;
    else if (row.due_day < today) entry.overdue++;
    byMonth.set(month, entry);
  }
  return [...byMonth.values()]
    .sort((a, b) => (a.month < b.month ? 1 : -1))
    .map(({ totalDays, ...entry }) => ({ ...entry, averageDays: entry.answered > 0 ? Math.round((totalDays / entry.answered) * 10) / 10 : null }));
}
