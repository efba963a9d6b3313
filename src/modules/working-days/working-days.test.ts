import { describe, expect, it } from 'vitest';
import { ANNOUNCED_HOLIDAYS, holidaysOfYear } from './holiday-calendar.js';
import { addWorkingDays, isDayString, isWorkingDay, vietnamDay, workingDaysBetween } from './working-days.js';

const calendar = new Set(Object.values(ANNOUNCED_HOLIDAYS).flatMap((days) => days.map((d) => d.day)));
const none = new Set<string>();

describe('working days', () => {
  it('skips the weekend: received on Friday, 1 working day is Monday; on Saturday, 5 are the next Friday', () => {
    expect(addWorkingDays('2026-11-27', 1, none)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-28', 5, none)).toBe('2026-12-04');
    expect(addWorkingDays('2026-11-29', 1, none)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-30', 0, none)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-30', 10, none)).toBe('2026-12-14');
  });

  it('skips Tết: a question received on the Friday before Tết Bính Ngọ 2026 is due well after it', () => {
    // Fri 13/02/2026; 16–20/02 are Tết; 5 working days: 23, 24, 25, 26, 27/02.
    expect(addWorkingDays('2026-02-13', 5, calendar)).toBe('2026-02-27');
    expect(addWorkingDays('2025-01-24', 1, calendar)).toBe('2025-02-03');
    expect(workingDaysBetween('2026-02-13', '2026-02-27', calendar)).toBe(5);
  });

  it('skips the compensatory day of a holiday on a weekend (Giỗ Tổ 2026 on Sunday → Monday off)', () => {
    expect(isWorkingDay('2026-04-27', calendar)).toBe(false);
    expect(addWorkingDays('2026-04-24', 1, calendar)).toBe('2026-04-28');
    // 28, 29/04 then 30/04 and 1/05 off, then Mon 04/05.
    expect(addWorkingDays('2026-04-27', 3, calendar)).toBe('2026-05-04');
  });

  it('crosses year ends and Tết Dương lịch', () => {
    expect(addWorkingDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
    expect(addWorkingDays('2025-12-30', 2, calendar)).toBe('2026-01-02');
    expect(workingDaysBetween('2026-12-31', '2027-01-04', calendar)).toBe(1);
  });

  it('counts the days left to a deadline, negative when it has passed', () => {
    expect(workingDaysBetween('2026-11-30', '2026-11-30', none)).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-30', none)).toBe(1);
    expect(workingDaysBetween('2026-12-04', '2026-11-30', none)).toBe(-4);
    expect(workingDaysBetween('2026-11-30', '2026-11-27', none)).toBe(-1);
    // Whatever n, the deadline is n working days away.
    for (const n of [1, 3, 5, 10, 15, 30, 60]) {
      for (const start of ['2025-01-20', '2026-02-12', '2026-04-25', '2026-12-28', '2027-02-04']) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, calendar), calendar), `${start}+${n}`).toBe(n);
      }
    }
  });

  it('takes the day in Vietnam: 23:30 UTC on a Sunday is Monday there', () => {
    expect(vietnamDay(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30');
    expect(vietnamDay(new Date('2026-11-29T16:59:59Z'))).toBe('2026-11-29');
    expect(vietnamDay(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
    expect(vietnamDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses what is not a day or a count instead of looping or guessing', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '', 'x']) {
      expect(isDayString(bad), bad).toBe(false);
      expect(() => addWorkingDays(bad, 1, none), bad).toThrow(RangeError);
      expect(() => workingDaysBetween(bad, '2026-01-01', none), bad).toThrow(RangeError);
    }
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) expect(() => addWorkingDays('2026-01-01', bad, none)).toThrow(RangeError);
    expect(isDayString('2028-02-29')).toBe(true);
  });
});

describe('the holiday calendar', () => {
  it('has the announced Tết days on working days, and each year’s fixed holidays', () => {
    for (const [year, days] of Object.entries(ANNOUNCED_HOLIDAYS)) {
      expect(days.filter((d) => d.name.includes('Tết Nguyên đán')).length, year).toBeGreaterThanOrEqual(5);
      for (const fixed of ['01-01', '04-30', '09-02']) expect(days.some((d) => d.day === `${year}-${fixed}`), `${year}-${fixed}`).toBe(true);
      for (const d of days) expect(isDayString(d.day) && d.day.startsWith(year), d.day).toBe(true);
      expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
    }
    expect(ANNOUNCED_HOLIDAYS[2026]!.map((d) => d.day)).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']));
  });

  it('gives a compensatory working day for a fixed holiday on a weekend in years not announced', () => {
    // 2028: 1/1 is a Saturday → Monday 3/1; 30/4 Sunday → Tuesday 2/5 (Monday 1/5 is itself a holiday); 2/9 Saturday → Monday 4/9.
    const days = holidaysOfYear(2028).map((d) => d.day);
    expect(days).toEqual(['2028-01-01', '2028-01-03', '2028-04-30', '2028-05-01', '2028-05-02', '2028-09-02', '2028-09-04']);
    expect(holidaysOfYear(2028).find((d) => d.day === '2028-05-02')?.name).toBe('Nghỉ bù Ngày Chiến thắng');
  });
});
