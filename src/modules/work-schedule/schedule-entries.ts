/**
 * An entry of the schedule as the module's code sees it, and the rules of its fields:
 * what staff may type, cleaned (NFC, no control or direction-override characters, line
 * breaks kept where a field has lines) and checked, with Vietnamese messages naming the
 * field at fault.
 */
import type { Selectable } from 'kysely';
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { FIRST_YEAR, LAST_YEAR, isWithinYears, isoWeekOf, parseDay, parseTime, weekKey } from './schedule-weeks.js';
import type { ScheduleEntriesTable } from './work-schedule.table.js';

export type ScheduleEntryRow = Selectable<ScheduleEntriesTable>;
export type Publication = 'draft' | 'published' | 'unpublished';
export type Cancellation = '' | 'postponed' | 'cancelled';

export const CANCELLATION_LABELS: Record<Exclude<Cancellation, ''>, string> = { postponed: 'Hoãn', cancelled: 'Huỷ' };
export const PUBLICATION_LABELS: Record<Publication, string> = { draft: 'Bản nháp', published: 'Đã công bố', unpublished: 'Đã gỡ xuống' };

/** What staff edit on an entry. */
export interface ScheduleEntryFields {
  /** 'YYYY-MM-DD'. */
  day: string;
  /** 'HH:MM', or null for all day. */
  startTime: string | null;
  endTime: string | null;
  content: string;
  place: string;
  /** Chủ trì / tham dự, one per line. */
  attendees: string[];
  preparer: string;
  note: string;
  /** Comes back every week: "Chép các mục lặp lại của tuần trước" copies it. */
  isRecurring: boolean;
}

/** What a form sends: anything may be missing or of the wrong kind. */
export type ScheduleEntryInput = Partial<Record<keyof ScheduleEntryFields | 'isAllDay', unknown>>;

export interface ScheduleEntry extends ScheduleEntryFields {
  id: string;
  /** 'YYYY-Www'. */
  week: string;
  publication: Publication;
  cancellation: Cancellation;
  cancelReason: string;
  /** Changed after readers saw it ("Điều chỉnh"). */
  isChanged: boolean;
  sequence: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ENTRY_LIMITS = { content: 2_000, place: 300, attendees: 1_000, attendeeLines: 20, preparer: 300, note: 1_000, cancelReason: 500 } as const;

const messages = {
  notText: (label: string) => `${label} phải là chữ.`,
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`,
  dayRequired: 'Hãy ghi ngày của mục lịch (ngày/tháng/năm, ví dụ 23/11/2026).',
  dayInvalid: 'Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 23/11/2026.',
  dayOutOfRange: `Ngày phải trong các năm ${FIRST_YEAR} đến ${LAST_YEAR}.`,
  timeInvalid: (label: string) => `${label} không hợp lệ: hãy ghi giờ và phút, ví dụ 07:30 hoặc 14h00.`,
  startRequired: 'Hãy ghi giờ bắt đầu, hoặc chọn "Cả ngày".',
  endBeforeStart: 'Giờ kết thúc phải sau giờ bắt đầu.',
  contentRequired: 'Nội dung công việc không được để trống.',
  tooManyAttendees: `Chủ trì, tham dự: tối đa ${ENTRY_LIMITS.attendeeLines} dòng.`,
} as const;

// C0/C1 controls other than tab and line feed, zero-width and bidi-override characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function textOf(value: unknown, field: string, label: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidInputError(messages.notText(label), { field });
  return toNfc(value.replace(/\r\n?/g, '\n').replace(UNSAFE, ' ').replace(/\t/g, ' '));
}

/** One line: runs of spaces and line breaks become one space. */
function line(value: unknown, field: string, label: string, max: number): string {
  const text = textOf(value, field, label).replace(/\s+/g, ' ').trim();
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

/** Several lines: each trimmed, spaces collapsed, blank lines dropped. */
function lines(value: unknown, field: string, label: string, max: number): string[] {
  const text = textOf(value, field, label);
  const result = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (result.join('\n').length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return result;
}

function timeOf(value: unknown, field: string, label: string): string | null {
  const text = line(value, field, label, 20);
  if (!text) return null;
  const time = parseTime(text);
  if (!time) throw new InvalidInputError(messages.timeInvalid(label), { field });
  return time;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 'on';
}

/**
 * Checks and normalises an entry's fields, merged over `base` when editing (a field the
 * input leaves out keeps its value).
 * @throws INVALID_INPUT naming the field at fault.
 */
export function checkEntryFields(input: ScheduleEntryInput, base?: ScheduleEntryFields): ScheduleEntryFields {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ScheduleEntryInput;
  const merged: ScheduleEntryInput = base ? { ...base, attendees: base.attendees.join('\n'), isAllDay: base.startTime === null, ...given } : given;
  const dayText = line(merged.day, 'day', 'Ngày', 20);
  if (!dayText) throw new InvalidInputError(messages.dayRequired, { field: 'day' });
  const day = parseDay(dayText);
  if (!day) throw new InvalidInputError(messages.dayInvalid, { field: 'day' });
  if (!isWithinYears(isoWeekOf(day))) throw new InvalidInputError(messages.dayOutOfRange, { field: 'day' });
  const isAllDay = isTrue(merged.isAllDay);
  const startTime = isAllDay ? null : timeOf(merged.startTime, 'startTime', 'Giờ bắt đầu');
  const endTime = isAllDay ? null : timeOf(merged.endTime, 'endTime', 'Giờ kết thúc');
  if (!isAllDay && startTime === null) throw new InvalidInputError(messages.startRequired, { field: 'startTime' });
  if (startTime !== null && endTime !== null && endTime <= startTime) throw new InvalidInputError(messages.endBeforeStart, { field: 'endTime' });
  const content = lines(merged.content, 'content', 'Nội dung', ENTRY_LIMITS.content).join('\n');
  if (!content) throw new InvalidInputError(messages.contentRequired, { field: 'content' });
  const attendeeInput = Array.isArray(merged.attendees) ? merged.attendees.join('\n') : merged.attendees;
  const attendees = lines(attendeeInput, 'attendees', 'Chủ trì, tham dự', ENTRY_LIMITS.attendees);
  if (attendees.length > ENTRY_LIMITS.attendeeLines) throw new InvalidInputError(messages.tooManyAttendees, { field: 'attendees' });
  return {
    day,
    startTime,
    endTime,
    content,
    place: line(merged.place, 'place', 'Địa điểm', ENTRY_LIMITS.place),
    attendees,
    preparer: line(merged.preparer, 'preparer', 'Đơn vị chuẩn bị', ENTRY_LIMITS.preparer),
    note: lines(merged.note, 'note', 'Ghi chú', ENTRY_LIMITS.note).join('\n'),
    isRecurring: isTrue(merged.isRecurring),
  };
}

/** The reason given for postponing or cancelling (optional, one line). */
export function checkCancelReason(value: unknown): string {
  return line(value, 'reason', 'Lý do', ENTRY_LIMITS.cancelReason);
}

export function weekKeyOfDay(day: string): string {
  return weekKey(isoWeekOf(day));
}

export function rowToFields(row: ScheduleEntryRow): ScheduleEntryFields {
  return { day: row.day, startTime: row.start_time, endTime: row.end_time, content: row.content, place: row.place, attendees: row.attendees ? row.attendees.split('\n') : [], preparer: row.preparer, note: row.note, isRecurring: Number(row.is_recurring) === 1 };
}

export function rowToEntry(row: ScheduleEntryRow): ScheduleEntry {
  return {
    id: row.id,
    week: row.week,
    ...rowToFields(row),
    publication: row.publication as Publication,
    cancellation: (row.cancellation || '') as Cancellation,
    cancelReason: row.cancel_reason,
    isChanged: Number(row.is_changed) === 1,
    sequence: Number(row.sequence),
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The schedule's order within a day: all-day entries first, then by start time, then as entered. */
export function compareEntries(a: Pick<ScheduleEntry, 'day' | 'startTime' | 'createdAt' | 'id'>, b: Pick<ScheduleEntry, 'day' | 'startTime' | 'createdAt' | 'id'>): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  const at = a.startTime ?? '';
  const bt = b.startTime ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
