import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveProjectStatus, formatMoney, formatMoneyShort, formatVietnamTime, formatVietnamTimeInput, MAX_MONEY, parseMoney, parseVietnamTime, PROJECT_KINDS, PROJECT_STATUSES, STATUSES_OF_KIND, STATUS_TONES } from './project-rules.js';

describe('parseMoney', () => {
  it('reads sums as Vietnamese staff write them, in whole đồng', () => {
    const cases: [unknown, number | null][] = [
      ['12.500.000.000', 12_500_000_000],
      ['12 500 000 000', 12_500_000_000],
      ['12\u00a0500\u00a0000\u00a0000 đồng', 12_500_000_000],
      ['12,500,000,000', 12_500_000_000],
      ['12500000000', 12_500_000_000],
      ['12,5 tỷ', 12_500_000_000],
      ['12,5 tỉ đồng', 12_500_000_000],
      ['12.5 tỷ', 12_500_000_000],
      ['0,1 tỷ', 100_000_000],
      ['850 triệu', 850_000_000],
      ['1,85 tỷ', 1_850_000_000],
      ['2 nghìn tỷ', 2_000_000_000_000],
      ['40 nghìn', 40_000],
      ['1.200.000.000đ', 1_200_000_000],
      ['1.200.000.000 VNĐ', 1_200_000_000],
      ['  680 Triệu  ', 680_000_000],
      ['0', 0],
      ['', null],
      ['   ', null],
      [null, null],
      [undefined, null],
      [3_250_000_000, 3_250_000_000],
    ];
    for (const [input, expected] of cases) expect(parseMoney(input), String(input)).toBe(expected);
  });

  it('refuses what is not a sum of whole đồng', () => {
    for (const input of ['mười tỷ', '-5.000.000', '12,5', '1.234.567,5', '1,23456 tỷ', 'tỷ', '12..500', '1e9', '0x10', '12.50.000', '9'.repeat(30), `${MAX_MONEY + 1}`, '2.000 nghìn tỷ', 1.5, -1, Number.NaN, Infinity, {}, [], true, 'x'.repeat(500)]) {
      expect(parseMoney(input), String(input)).toBeUndefined();
    }
  });

  it('never throws and reads back what formatMoney writes', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const parsed = parseMoney(value);
      expect(parsed === null || parsed === undefined || (Number.isSafeInteger(parsed) && parsed >= 0)).toBe(true);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_MONEY }), (value) => {
      expect(parseMoney(formatMoney(value))).toBe(value);
    }));
  });

  it('writes sums the Vietnamese way, with a short reading for large ones', () => {
    expect(formatMoney(12_500_000_000)).toBe('12.500.000.000 đồng');
    expect(formatMoney(0)).toBe('0 đồng');
    expect(formatMoneyShort(12_500_000_000)).toBe('12,5 tỷ đồng');
    expect(formatMoneyShort(11_426_500_000)).toBe('11,427 tỷ đồng');
    expect(formatMoneyShort(850_000_000)).toBe('850 triệu đồng');
    expect(formatMoneyShort(40_000)).toBe('');
  });
});

describe('parseVietnamTime', () => {
  it('reads a closing time in Vietnam time, however it is written', () => {
    const nineAm = '2026-12-20T02:00:00.000Z';
    for (const text of ['20/12/2026 09:00', '20/12/2026 9:00', '20/12/2026 9h00', '20-12-2026 09:00', '20.12.2026, 09:00', '09:00 20/12/2026', '9h00 ngày 20/12/2026', '2026-12-20T09:00', '2026-12-20 09:00', '2026-12-20T02:00:00Z', '2026-12-20T09:00:00+07:00']) {
      expect(parseVietnamTime(text)?.toISOString(), text).toBe(nineAm);
    }
    expect(parseVietnamTime('20/12/2026')?.toISOString()).toBe('2026-12-19T17:00:00.000Z');
    expect(parseVietnamTime('')).toBeNull();
    expect(parseVietnamTime(undefined)).toBeNull();
  });

  it('refuses moments that do not exist', () => {
    for (const text of ['31/02/2026 09:00', '20/13/2026 09:00', '20/12/2026 24:00', '20/12/2026 09:60', 'ngày mai', '20/12/26 09:00', '2026-12-20T09:00Z+7', '01/01/1800 09:00', 42, {}, 'x'.repeat(200)]) {
      expect(parseVietnamTime(text), String(text)).toBeUndefined();
    }
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = parseVietnamTime(text);
      expect(parsed === null || parsed === undefined || !Number.isNaN(parsed.getTime())).toBe(true);
    }));
  });

  it('writes an instant back in Vietnam time', () => {
    expect(formatVietnamTimeInput('2026-12-20T02:00:00.000Z')).toBe('20/12/2026 09:00');
    expect(formatVietnamTimeInput('2026-12-31T17:30:00.000Z')).toBe('01/01/2027 00:30');
    expect(formatVietnamTime('2026-12-20T02:00:00.000Z')).toBe('09:00 ngày 20/12/2026');
    expect(formatVietnamTime(null)).toBe('');
    expect(parseVietnamTime(formatVietnamTimeInput('2026-07-04T10:45:00.000Z'))?.toISOString()).toBe('2026-07-04T10:45:00.000Z');
  });
});

describe('effectiveProjectStatus', () => {
  const closes = '2026-12-20T02:00:00.000Z';
  it('closes an open tender at its closing time, to the millisecond', () => {
    expect(effectiveProjectStatus({ kind: 'tender', status: 'open', closes_at: closes }, new Date('2026-12-20T01:59:59.999Z'))).toBe('open');
    expect(effectiveProjectStatus({ kind: 'tender', status: 'open', closes_at: closes }, new Date(closes))).toBe('closed');
    expect(effectiveProjectStatus({ kind: 'tender', status: 'open', closes_at: null }, new Date('2030-01-01'))).toBe('open');
  });

  it('leaves every other declared status as it is', () => {
    for (const status of ['awarded', 'cancelled', 'closed'] as const) expect(effectiveProjectStatus({ kind: 'tender', status, closes_at: closes }, new Date('2030-01-01'))).toBe(status);
    expect(effectiveProjectStatus({ kind: 'project', status: 'in_progress', closes_at: closes }, new Date('2030-01-01'))).toBe('in_progress');
    expect(effectiveProjectStatus({ kind: 'project', status: 'nonsense', closes_at: null }, new Date())).toBe('preparing');
  });

  it('gives every kind statuses that exist and have a tone', () => {
    for (const kind of PROJECT_KINDS) for (const status of STATUSES_OF_KIND[kind]) expect(PROJECT_STATUSES).toContain(status);
    for (const status of PROJECT_STATUSES) expect(STATUS_TONES[status]).toBeTruthy();
  });
});
