/**
 * The schedule as an iCalendar feed (RFC 5545, https://www.rfc-editor.org/rfc/rfc5545),
 * written by hand: it is a few properties, and the rules that matter are checked by
 * this module's tests.
 * - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character (§3.1).
 * - TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11).
 * - Times are local with TZID=Asia/Ho_Chi_Minh and a VTIMEZONE (UTC+7, no daylight
 *   saving), which is what a schedule means; all-day entries are DATE values.
 * - UID is the entry's id (stable across edits); SEQUENCE rises with each change readers
 *   saw; DTSTAMP is the entry's last change: with no METHOD, DTSTAMP is "the date and
 *   time that the information … was last revised" (§3.8.7.2), which also keeps the
 *   feed's bytes the same until something changes (cacheable, ETag).
 */
import { CANCELLATION_LABELS, type ScheduleEntry } from './schedule-entries.js';
import { addDays } from './schedule-weeks.js';

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const TZID = 'Asia/Ho_Chi_Minh';
const MAX_OCTETS = 75;

/** §3.3.11: backslash first, so the escapes added after are not escaped again. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * §3.1: a content line longer than 75 octets is split, each continuation starting with
 * one space (which counts towards its 75). Splits fall between code points, so a
 * Vietnamese letter's UTF-8 bytes are never cut apart.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** '2026-11-23' and '07:30' → '20261123T073000'. */
function localDateTime(day: string, time: string): string {
  return `${day.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

/** An ISO time → '20261123T003000Z'. */
function utcStamp(iso: string): string {
  return `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

export interface CalendarInput {
  /** The agency's name: the calendar's name. */
  siteName: string;
  /** The site's host, making UIDs unique across sites ("<id>@<host>"). */
  host: string;
  entries: ScheduleEntry[];
  /** The absolute URL of an entry's week page. */
  urlOf(entry: ScheduleEntry): string;
}

function eventLines(entry: ScheduleEntry, input: CalendarInput): string[] {
  const label = entry.cancellation ? `[${CANCELLATION_LABELS[entry.cancellation]}] ` : entry.isChanged ? '[Điều chỉnh] ' : '';
  const summary = `${label}${entry.content.split('\n')[0]!}`;
  const description = [
    entry.content,
    entry.attendees.length > 0 && `Chủ trì, tham dự: ${entry.attendees.join('; ')}`,
    entry.preparer && `Chuẩn bị: ${entry.preparer}`,
    entry.note && `Ghi chú: ${entry.note}`,
    entry.cancellation && `${CANCELLATION_LABELS[entry.cancellation]}${entry.cancelReason ? `: ${entry.cancelReason}` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
  const when = entry.startTime
    ? [`DTSTART;TZID=${TZID}:${localDateTime(entry.day, entry.startTime)}`, ...(entry.endTime ? [`DTEND;TZID=${TZID}:${localDateTime(entry.day, entry.endTime)}`] : [])]
    : [`DTSTART;VALUE=DATE:${entry.day.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${addDays(entry.day, 1).replace(/-/g, '')}`];
  return [
    'BEGIN:VEVENT',
    `UID:${entry.id}@${input.host}`,
    `DTSTAMP:${utcStamp(entry.updatedAt)}`,
    `SEQUENCE:${entry.sequence}`,
    ...when,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(entry.place ? [`LOCATION:${escapeText(entry.place)}`] : []),
    `STATUS:${entry.cancellation ? 'CANCELLED' : 'CONFIRMED'}`,
    `URL:${input.urlOf(entry)}`,
    'END:VEVENT',
  ];
}

/** The whole calendar, CRLF line endings, folded. */
export function renderCalendar(input: CalendarInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Cong//Lich cong tac//VI',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(`Lịch công tác - ${input.siteName}`)}`,
    `X-WR-TIMEZONE:${TZID}`,
    'BEGIN:VTIMEZONE',
    `TZID:${TZID}`,
    'BEGIN:STANDARD',
    'DTSTART:19750613T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:+07',
    'END:STANDARD',
    'END:VTIMEZONE',
    ...input.entries.flatMap((entry) => eventLines(entry, input)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
