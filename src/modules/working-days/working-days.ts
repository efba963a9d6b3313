/**
 * Working-day arithmetic for legal deadlines ("trả lời trong 5 ngày làm việc"): days are
 * 'YYYY-MM-DD' in Vietnam's calendar; Saturdays, Sundays and the site's holidays are not
 * working days. Pure functions: the holidays come in as a set.
 */
import { TIME_ZONE } from '../../platform/i18n/vi.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/** No deadline is years away: a bound keeps a bad input from looping for long. */
const MAX_SPAN_DAYS = 20 * 366;

/** True for a real calendar day written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isDayString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function checkDay(day: string): void {
  // Callers pass days they made: a bad one is a programming error, not a citizen's.
  if (!isDayString(day)) throw new RangeError(`not a day: ${JSON.stringify(day)}`);
}

/** The day in Vietnam of an instant: 23:30 UTC on a Sunday is Monday there (UTC+7). */
export function vietnamDay(at: Date): string {
  return dayFormat.format(at);
}

/** The day `by` days after `day` (before, when negative). */
export function shiftDay(day: string, by: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  checkDay(day);
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/**
 * The deadline of something received on `start` with `days` working days: the days-th
 * working day after `start` (the day of receipt is not counted, whatever it is: received
 * on Friday with 1 working day → Monday). 0 days → `start` itself.
 */
export function addWorkingDays(start: string, days: number, holidays: ReadonlySet<string>): string {
  checkDay(start);
  if (!Number.isSafeInteger(days) || days < 0 || days > MAX_SPAN_DAYS / 2) throw new RangeError(`bad number of working days: ${days}`);
  let current = start;
  for (let left = days; left > 0; ) {
    current = shiftDay(current, 1);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}

/**
 * Working days after `from` up to and including `to`: from today to a deadline, the days
 * left (0 on the deadline itself); negative when `to` is before `from` (overdue by so many).
 */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  checkDay(from);
  checkDay(to);
  if (from === to) return 0;
  const sign = from < to ? 1 : -1;
  const [start, end] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  let steps = 0;
  for (let day = shiftDay(start, 1); day <= end && steps < MAX_SPAN_DAYS; day = shiftDay(day, 1), steps += 1) {
    if (isWorkingDay(day, holidays)) count += 1;
  }
  return sign * count;
}
