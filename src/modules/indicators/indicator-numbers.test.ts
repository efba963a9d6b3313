import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndicatorNumber, formatPercentOfPlan, formatWithUnit, parseVietnameseNumber, percentNumber, percentOfPlan } from './indicator-numbers.js';
import { normalisePeriod, periodAxisLines, periodLabel } from './indicator-periods.js';

const value = (text: unknown) => {
  const parsed = parseVietnameseNumber(text);
  return parsed.kind === 'number' ? parsed.value : parsed.kind === 'empty' ? null : parsed.reason;
};

describe('reading numbers as staff write them', () => {
  it('reads Vietnamese and plain writing alike', () => {
    const cases: [unknown, number | null | string][] = [
      ['6.518', 6518],
      ['6518', 6518],
      ['5.700', 5700],
      ['55,7', 55.7],
      ['55.7', 55.7],
      ['114,35', 114.35],
      ['114.35', 114.35],
      ['1.234.567', 1234567],
      ['1.234.567,5', 1234567.5],
      ['1,234,567.5', 1234567.5],
      ['1,234,567', 1234567],
      ['6 518', 6518],
      ['6\u00a0518', 6518],
      ['55,7%', 55.7],
      [' 17,69 % ', 17.69],
      ['0,0125', 0.0125],
      ['0.518', 0.518],
      ['1234.5', 1234.5],
      ['+12', 12],
      ['-0', 0],
      ['0', 0],
      [6518, 6518],
      [55.7, 55.7],
      ['', null],
      ['  ', null],
      ['-', null],
      ['–', null],
      [null, null],
      [undefined, null],
    ];
    for (const [input, expected] of cases) expect(value(input), String(input)).toBe(expected);
  });

  it('refuses what is no number, negative, absurd or too precise, saying why', () => {
    const cases: [unknown, string][] = [
      ['abc', 'format'],
      ['6.51', 6.51 as unknown as string],
      ['1.2.3', 'format'],
      ['1,23,456', 'format'],
      ['12,', 'format'],
      ['.5', 'format'],
      ['1.234,5.6', 'format'],
      ['=1+1', 'format'],
      ['-5', 'negative'],
      ['−6.518', 'negative'],
      [-1, 'negative'],
      ['1.000.000.000.000.000', 'too_large'],
      [1e13, 'too_large'],
      ['1,23456', 'too_precise'],
      [1 / 3, 'too_precise'],
      [Number.NaN, 'format'],
      [Number.POSITIVE_INFINITY, 'format'],
      [{}, 'format'],
      [[1], 'format'],
      [true, 'format'],
      ['9'.repeat(50), 'format'],
    ];
    for (const [input, expected] of cases) expect(value(input), String(input)).toBe(expected);
  });

  it('never throws, and whatever it accepts is a finite number within the limits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+ 0-9.,%]{0,20}$/), fc.double(), fc.anything()), (input) => {
        const parsed = parseVietnameseNumber(input);
        if (parsed.kind === 'number') {
          expect(Number.isFinite(parsed.value)).toBe(true);
          expect(parsed.value).toBeGreaterThanOrEqual(0);
          expect(parsed.value).toBeLessThanOrEqual(1e12);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 9_999 }), (whole, tenThousandths) => {
        const number = whole + tenThousandths / 10_000;
        expect(value(formatIndicatorNumber(number))).toBe(Number(number.toFixed(4)));
      }),
    );
  });
});

describe('the percentage of plan', () => {
  it('is the result over the target, rounded to two decimals of a percent, written the Vietnamese way', () => {
    expect(percentOfPlan(5700, 6518)).toBe(1.1435);
    expect(formatPercentOfPlan(percentOfPlan(5700, 6518))).toBe('114,35%');
    expect(percentNumber(percentOfPlan(5700, 6518)!)).toBe(114.35);
    expect(formatPercentOfPlan(percentOfPlan(4, 4.11))).toBe('102,75%');
    expect(formatPercentOfPlan(percentOfPlan(54, 55.7))).toBe('103,15%');
    expect(formatPercentOfPlan(percentOfPlan(100, 100))).toBe('100%');
    expect(formatPercentOfPlan(percentOfPlan(3, 1))).toBe('33,33%');
    expect(formatPercentOfPlan(percentOfPlan(3, 2))).toBe('66,67%');
    // A true half rounds up, whatever binary floating point makes of it.
    expect(percentOfPlan(8, 1.00004)).toBe(0.1250);
    expect(percentOfPlan(200, 2.001)).toBe(0.0100);
    expect(formatPercentOfPlan(percentOfPlan(1000, 0))).toBe('0%');
  });

  it('is null without a target, with a target of 0, or without a result', () => {
    expect(percentOfPlan(0, 10)).toBeNull();
    expect(percentOfPlan(0, 0)).toBeNull();
    expect(percentOfPlan(null, 10)).toBeNull();
    expect(percentOfPlan(5700, null)).toBeNull();
    expect(percentOfPlan(undefined, undefined)).toBeNull();
    expect(percentOfPlan(Number.NaN, 1)).toBeNull();
    expect(formatPercentOfPlan(null)).toBe('');
  });

  it('writes values with their unit', () => {
    expect(formatWithUnit(6518, 'người')).toBe('6.518 người');
    expect(formatWithUnit(55.7, '%')).toBe('55,7%');
    expect(formatWithUnit(1234567.5, 'hộ')).toBe('1.234.567,5 hộ');
    expect(formatWithUnit(null, 'người')).toBe('Chưa có');
    expect(formatWithUnit(17.69, '')).toBe('17,69');
  });
});

describe('periods', () => {
  it('reads years and quarters however staff write them', () => {
    expect(normalisePeriod('year', '2021')).toBe('2021');
    expect(normalisePeriod('year', 2021)).toBe('2021');
    expect(normalisePeriod('year', 'Năm 2021')).toBe('2021');
    for (const text of ['2021-Q3', '2021 Q3', 'Q3/2021', 'q3-2021', 'Quý 3/2021', 'quý III/2021', 'Quy III nam 2021', 'Quý 3 năm 2021']) expect(normalisePeriod('quarter', text), text).toBe('2021-Q3');
    for (const text of ['2021-Q5', 'Q0/2021', '21', '2021', 'Quý V/2021', '1899', '', 'abc']) expect(normalisePeriod('quarter', text), text).toBeUndefined();
    for (const text of ['2021-Q1', '1899', '2201', '21', 'x'.repeat(100)]) expect(normalisePeriod('year', text), text).toBeUndefined();
    expect(normalisePeriod('year', 2021.5)).toBeUndefined();
    expect(normalisePeriod('year', null)).toBeUndefined();
  });

  it('writes them for readers', () => {
    expect(periodLabel('2021')).toBe('Năm 2021');
    expect(periodLabel('2021-Q3')).toBe('Quý III/2021');
    expect(periodAxisLines('2021-Q4')).toEqual(['Quý IV', '2021']);
    expect(periodAxisLines('2021')).toEqual(['2021']);
  });
});
