/** The access-to-information staff screens' pieces: the status badge and the deadline cell. Views only. */
import { formatDate, formatNumber } from '../../platform/i18n/vi.js';
import { DUE_SOON_DAYS, STATUS_LABELS, type RequestStatus } from '../information-access/index.js';

/** A 'YYYY-MM-DD' day as dd/mm/yyyy (noon in Vietnam: no time zone can move it). */
export function dayText(day: string): string {
  return formatDate(`${day}T12:00:00+07:00`);
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const kind = status === 'answered' ? 'published' : status === 'refused' ? 'unpublished' : 'draft';
  return <span class={`badge badge--${kind}`}>{STATUS_LABELS[status]}</span>;
}

/** The deadline and the working days left ("còn 3 ngày làm việc", "quá hạn 2 ngày làm việc"). */
export function RequestDeadline({ dueDay, daysLeft }: { dueDay: string; daysLeft: number | null }) {
  if (daysLeft === null) return <>{dayText(dueDay)}</>;
  const words = daysLeft < 0 ? `quá hạn ${formatNumber(-daysLeft)} ngày làm việc` : daysLeft === 0 ? 'hết hạn hôm nay' : `còn ${formatNumber(daysLeft)} ngày làm việc`;
  return (
    <>
      {dayText(dueDay)} <span class={daysLeft <= 0 ? 'badge badge--unpublished' : daysLeft <= DUE_SOON_DAYS ? 'badge badge--draft' : 'badge'}>{words}</span>
    </>
  );
}
