/**
 * Weeks of the schedule: ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first
 * Thursday) on Vietnam's calendar. Vietnam is UTC+7 all year (no daylight saving since
 * 1975), so "today in Vietnam" is the UTC date of now + 7 hours, and days are plain
 * 'YYYY-MM-DD' strings computed in UTC arithmetic, never in the server's zone.
 */

const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh's fixed offset. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Years a week may be in: a bound on the URLs that are pages. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayToUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function utcToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar day written 'YYYY-MM-DD'. */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const date = dayToUtc(value);
  return !Number.isNaN(date.getTime()) && utcToDay(date) === value;
}

export function addDays(day: string, days: number): string {
  return utcToDay(new Date(dayToUtc(day).getTime() + days * DAY_MS));
}

/** Today's date in Vietnam. */
export function vietnamToday(now: Date): string {
  return utcToDay(new Date(now.getTime() + VIETNAM_OFFSET_MS));
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return dayToUtc(day).getUTCDay() || 7;
}

export function isoWeekOf(day: string): IsoWeek {
  // The Thursday of the day's week decides the week's year.
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayToUtc(thursday).getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

/** 'YYYY-Www', the week's key in storage and the API. */
export function weekKey(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

/** The week's URL word: '2026-w48'. */
export function weekSlug(week: IsoWeek): string {
  return weekKey(week).toLowerCase();
}

/** Reads '2026-W48' or '2026-w48' (the year within FIRST_YEAR…LAST_YEAR); null for anything else. */
export function parseWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-[Ww](\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function mondayOf(week: IsoWeek): string {
  const jan4 = `${week.year}-01-04`;
  return addDays(addDays(jan4, 1 - isoWeekday(jan4)), (week.week - 1) * 7);
}

/** Monday … Sunday. */
export function daysOf(week: IsoWeek): string[] {
  const monday = mondayOf(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function addWeeks(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(addDays(mondayOf(week), weeks * 7));
}

export function weekOfNow(now: Date): IsoWeek {
  return isoWeekOf(vietnamToday(now));
}

export function isWithinYears(week: IsoWeek): boolean {
  return week.year >= FIRST_YEAR && week.year <= LAST_YEAR;
}

const WEEKDAY_NAMES = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'] as const;

export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[isoWeekday(day) - 1]!;
}

/** '2026-11-23' → '23/11/2026'. */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "tuần 48 (23/11/2026 – 29/11/2026)" */
export function weekLabel(week: IsoWeek): string {
  const days = daysOf(week);
  return `tuần ${week.week} (${formatDay(days[0]!)} – ${formatDay(days[6]!)})`;
}

/**
 * Reads a day as staff type it: 'dd/mm/yyyy' (also d/m/yyyy, with - or .) or 'YYYY-MM-DD'.
 * Null when it is not a real day.
 */
export function parseDay(text: string): string | null {
  const value = text.trim();
  if (DAY_PATTERN.test(value)) return isDay(value) ? value : null;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!match) return null;
  const day = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isDay(day) ? day : null;
}

/**
 * Reads a time as Vietnamese staff write it: '07:30', '7:30', '7h30', '7h', '14g', '7.30'.
 * Returns 'HH:MM', or null when it is not a time of day.
 */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})\s*(?:[:hHgG.]\s*(\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** '07:30' → '7 giờ 30', '14:00' → '14 giờ': how a schedule says it. */
export function timeWords(time: string): string {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)} giờ` : `${Number(h)} giờ ${m}`;
}
