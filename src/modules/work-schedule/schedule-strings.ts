/**
 * The schedule page's own words in each language of the site. The entries stay as staff
 * wrote them (Vietnamese): an English page marks them lang="vi" for screen readers.
 */
import type { Language } from '../../platform/i18n/languages.js';
import type { IsoWeek } from './schedule-weeks.js';

export interface ScheduleStrings {
  section: string;
  heading(week: IsoWeek): string;
  range(from: string, to: string): string;
  caption(siteName: string, week: IsoWeek, from: string, to: string): string;
  description(siteName: string, from: string, to: string): string;
  weekdays: readonly string[];
  weekLink(week: IsoWeek): string;
  thisWeek: string;
  chooseWeek: string;
  print: string;
  printHint: string;
  feed: string;
  empty: string;
  noEntries: string;
  today: string;
  columns: { day: string; time: string; content: string; place: string; attendees: string; preparer: string };
  allDay: string;
  time(start: string, end: string | null): string;
  postponed: string;
  cancelled: string;
  changed: string;
  reason: string;
  note: string;
  updated: string;
}

function vietnameseTime(time: string): string {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)} giờ` : `${Number(h)} giờ ${m}`;
}

const vi: ScheduleStrings = {
  section: 'Lịch công tác',
  heading: (w) => `Lịch công tác tuần ${w.week} năm ${w.year}`,
  range: (from, to) => `Từ ${from} đến ${to}`,
  caption: (site, w, from, to) => `Lịch công tác của lãnh đạo ${site}, tuần ${w.week} (${from} – ${to})`,
  description: (site, from, to) => `Lịch công tác của lãnh đạo ${site} từ ${from} đến ${to}: thời gian, nội dung, địa điểm, thành phần tham dự và đơn vị chuẩn bị.`,
  weekdays: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
  weekLink: (w) => `Tuần ${w.week}`,
  thisWeek: 'Tuần này',
  chooseWeek: 'Chọn tuần',
  print: 'In lịch',
  printHint: 'Để in lịch, dùng lệnh In của trình duyệt (Ctrl+P).',
  feed: 'Theo dõi lịch bằng ứng dụng lịch (iCalendar)',
  empty: 'Chưa có lịch công tác nào được công bố cho tuần này.',
  noEntries: 'Không có lịch công tác.',
  today: 'Hôm nay',
  columns: { day: 'Ngày', time: 'Thời gian', content: 'Nội dung', place: 'Địa điểm', attendees: 'Chủ trì, tham dự', preparer: 'Chuẩn bị' },
  allDay: 'Cả ngày',
  time: (start, end) => (end ? `${vietnameseTime(start)} – ${vietnameseTime(end)}` : vietnameseTime(start)),
  postponed: 'Hoãn',
  cancelled: 'Huỷ',
  changed: 'Điều chỉnh',
  reason: 'Lý do',
  note: 'Ghi chú',
  updated: 'Cập nhật lần cuối',
};

const en: ScheduleStrings = {
  section: 'Work schedule',
  heading: (w) => `Leaders' work schedule, week ${w.week} of ${w.year}`,
  range: (from, to) => `From ${from} to ${to}`,
  caption: (site, w, from, to) => `Work schedule of the leaders of ${site}, week ${w.week} (${from} – ${to})`,
  description: (site, from, to) => `Work schedule of the leaders of ${site} from ${from} to ${to}: time, activity, venue, participants and the unit preparing it.`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  weekLink: (w) => `Week ${w.week}`,
  thisWeek: 'This week',
  chooseWeek: 'Choose a week',
  print: 'Print',
  printHint: "To print the schedule, use your browser's Print command (Ctrl+P).",
  feed: 'Subscribe in a calendar app (iCalendar)',
  empty: 'No schedule has been published for this week yet.',
  noEntries: 'Nothing scheduled.',
  today: 'Today',
  columns: { day: 'Day', time: 'Time', content: 'Activity', place: 'Venue', attendees: 'Chaired or attended by', preparer: 'Prepared by' },
  allDay: 'All day',
  time: (start, end) => (end ? `${start} – ${end}` : start),
  postponed: 'Postponed',
  cancelled: 'Cancelled',
  changed: 'Changed',
  reason: 'Reason',
  note: 'Note',
  updated: 'Last updated',
};

export const SCHEDULE_STRINGS: Record<Language, ScheduleStrings> = { vi, en };
