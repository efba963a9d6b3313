/** The Q&A staff screens' pieces: the status badge, the deadline cell, the report table. Views only. */
import { formatDate, formatNumber } from '../../platform/i18n/vi.js';
import { STATUS_LABELS, type MonthReport, type QuestionStatus } from '../questions/index.js';
import { DataTable } from './views/components.js';

/** A 'YYYY-MM-DD' day as dd/mm/yyyy (noon in Vietnam: no time zone can move it). */
export function dayText(day: string): string {
  return formatDate(`${day}T12:00:00+07:00`);
}

export function QuestionStatusBadge({ status }: { status: QuestionStatus }) {
  const kind = status === 'answered' ? 'published' : status === 'rejected' ? 'unpublished' : 'draft';
  return <span class={`badge badge--${kind}`}>{STATUS_LABELS[status]}</span>;
}

/** The deadline and the working days left ("còn 3 ngày làm việc", "quá hạn 2 ngày làm việc"). */
export function Deadline({ dueDay, daysLeft }: { dueDay: string; daysLeft: number | null }) {
  if (daysLeft === null) return <>{dayText(dueDay)}</>;
  const words = daysLeft < 0 ? `quá hạn ${formatNumber(-daysLeft)} ngày làm việc` : daysLeft === 0 ? 'hết hạn hôm nay' : `còn ${formatNumber(daysLeft)} ngày làm việc`;
  return (
    <>
      {dayText(dueDay)} <span class={daysLeft <= 0 ? 'badge badge--unpublished' : daysLeft <= 3 ? 'badge badge--draft' : 'badge'}>{words}</span>
    </>
  );
}

export function ReportTable({ months }: { months: MonthReport[] }) {
  return (
    <DataTable
      caption="Câu hỏi theo tháng tiếp nhận"
      columns={[
        { key: 'month', label: 'Tháng' },
        { key: 'received', label: 'Tiếp nhận' },
        { key: 'answered', label: 'Đã trả lời' },
        { key: 'onTime', label: 'Đúng hạn' },
        { key: 'late', label: 'Trễ hạn' },
        { key: 'overdue', label: 'Đang quá hạn' },
        { key: 'rejected', label: 'Từ chối' },
        { key: 'average', label: 'Số ngày làm việc trung bình để trả lời' },
      ]}
      rowHeader="month"
      rows={months.map((m) => ({
        month: `${m.month.slice(5)}/${m.month.slice(0, 4)}`,
        received: formatNumber(m.received),
        answered: formatNumber(m.answered),
        onTime: formatNumber(m.onTime),
        late: formatNumber(m.late),
        overdue: formatNumber(m.overdue),
        rejected: formatNumber(m.rejected),
        average: m.averageDays === null ? '—' : String(m.averageDays).replace('.', ','),
      }))}
      empty={<p>Chưa có câu hỏi nào trong 12 tháng qua.</p>}
    />
  );
}
