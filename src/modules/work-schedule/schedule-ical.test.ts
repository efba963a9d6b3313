import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './schedule-ical.js';
import type { ScheduleEntry } from './schedule-entries.js';

const entry = (over: Partial<ScheduleEntry> = {}): ScheduleEntry => ({
  id: 'e1',
  week: '2026-W48',
  day: '2026-11-23',
  startTime: '07:30',
  endTime: '09:30',
  content: 'Giao ban đầu tuần',
  place: 'Phòng họp số 1',
  attendees: ['Ông A Kang - Giám đốc Sở'],
  preparer: 'Văn phòng Sở',
  note: '',
  isRecurring: false,
  publication: 'published',
  cancellation: '',
  cancelReason: '',
  isChanged: false,
  sequence: 0,
  publishedAt: '2026-11-20T01:00:00.000Z',
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T02:03:04.000Z',
  ...over,
});

const calendar = (entries: ScheduleEntry[]) => renderCalendar({ siteName: 'Sở Lao động - Thương binh và Xã hội', host: 'sldtbxh.kontum.gov.vn', entries, urlOf: () => 'https://sldtbxh.kontum.gov.vn/lich-cong-tac/2026-w48' });

/** Unfolds (§3.1) and splits into logical lines. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('the iCalendar feed (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds lines at 75 octets without cutting a UTF-8 character', () => {
    const line = `SUMMARY:${'Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2026 '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      // Each part is whole UTF-8 (no replacement character after a round trip).
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    }
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('ends every line with CRLF and never has a bare LF', () => {
    const ics = calendar([entry({ content: 'Dòng một\nDòng hai', note: 'Ghi chú; có dấu, phẩy' })]);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('writes local times with the Vietnam time zone, all-day entries as dates, a stable UID and the sequence', () => {
    const lines = unfold(calendar([entry(), entry({ id: 'e2', startTime: null, endTime: null, sequence: 3, isChanged: true })]));
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(lines).toContain('TZOFFSETTO:+0700');
    expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261123T073000');
    expect(lines).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20261123T093000');
    expect(lines).toContain('UID:e1@sldtbxh.kontum.gov.vn');
    expect(lines).toContain('DTSTAMP:20261120T020304Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261123');
    expect(lines).toContain('DTEND;VALUE=DATE:20261124');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain('SUMMARY:[Điều chỉnh] Giao ban đầu tuần');
    expect(lines).toContain('LOCATION:Phòng họp số 1');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
  });

  it('marks a postponed or cancelled entry CANCELLED, with the reason', () => {
    const lines = unfold(calendar([entry({ cancellation: 'postponed', cancelReason: 'Lãnh đạo họp đột xuất', sequence: 1 })]));
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SUMMARY:[Hoãn] Giao ban đầu tuần');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Hoãn: Lãnh đạo họp đột xuất');
  });

  it('keeps user text inside its property: a line break or CRLF typed in content cannot start a new property', () => {
    const lines = unfold(calendar([entry({ content: 'Họp\r\nBEGIN:VEVENT\nUID:evil', place: 'A;B,C' })]));
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(['UID:e1@sldtbxh.kontum.gov.vn']);
    expect(lines).toContain('LOCATION:A\\;B\\,C');
  });
});
