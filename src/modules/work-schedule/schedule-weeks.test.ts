import { describe, expect, it } from 'vitest';
import { addWeeks, daysOf, isoWeekOf, mondayOf, parseDay, parseTime, parseWeek, timeWords, vietnamToday, weekKey, weekLabel, weekOfNow, weeksInYear } from './schedule-weeks.js';

describe('ISO weeks in Vietnam', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf('2026-11-29')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf('2026-11-30')).toEqual({ year: 2026, week: 49 });
    // 1 January 2027 is a Friday: it belongs to 2026's last week.
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    // 29 December 2025 is a Monday of 2026's week 1.
    expect(isoWeekOf('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
  });

  it('gives a week its Monday-to-Sunday days and its neighbours', () => {
    expect(mondayOf({ year: 2026, week: 48 })).toBe('2026-11-23');
    expect(daysOf({ year: 2026, week: 1 })).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(addWeeks({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(addWeeks({ year: 2026, week: 1 }, -1)).toEqual({ year: 2025, week: 52 });
    expect(weekLabel({ year: 2026, week: 48 })).toBe('tuần 48 (23/11/2026 – 29/11/2026)');
  });

  it('turns the week at Monday 00:00 in Vietnam (UTC+7), not at the server\'s midnight', () => {
    // Sunday 29/11 16:59 UTC is 23:59 in Vietnam: still week 48.
    expect(weekOfNow(new Date('2026-11-29T16:59:59Z'))).toEqual({ year: 2026, week: 48 });
    // 17:00 UTC is Monday 00:00 in Vietnam: week 49.
    expect(weekOfNow(new Date('2026-11-29T17:00:00Z'))).toEqual({ year: 2026, week: 49 });
    expect(vietnamToday(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });

  it('reads week keys, and nothing else', () => {
    expect(parseWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseWeek('2026-w48')).toEqual({ year: 2026, week: 48 });
    expect(weekKey({ year: 2026, week: 5 })).toBe('2026-W05');
    for (const bad of ['2026-W54', '2025-W53', '2026-W00', '2026-W4', '1899-W10', '2101-W01', '2026W48', ' 2026-W48', '2026-W48x', '', '２０２６-W48']) expect(parseWeek(bad), bad).toBeNull();
  });

  it('reads days and times as staff type them', () => {
    expect(parseDay('23/11/2026')).toBe('2026-11-23');
    expect(parseDay('3/1/2027')).toBe('2027-01-03');
    expect(parseDay('2026-11-23')).toBe('2026-11-23');
    for (const bad of ['31/02/2026', '2026-02-30', '23/11/26', 'hôm nay', '']) expect(parseDay(bad), bad).toBeNull();
    expect(parseTime('7h30')).toBe('07:30');
    expect(parseTime('07:30')).toBe('07:30');
    expect(parseTime('14h')).toBe('14:00');
    expect(parseTime('14g00')).toBe('14:00');
    expect(parseTime('7.30')).toBe('07:30');
    for (const bad of ['24:00', '7:60', 'sáng', '7h3', '']) expect(parseTime(bad), bad).toBeNull();
    expect(timeWords('07:30')).toBe('7 giờ 30');
    expect(timeWords('14:00')).toBe('14 giờ');
  });
});
