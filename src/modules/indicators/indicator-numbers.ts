/**
 * Numbers of indicators: reading what staff type (Vietnamese "6.518", "55,7" as well as
 * plain "6518", "55.7"), the percentage of plan (computed, never typed), and writing
 * them back the Vietnamese way (6.518 · 55,7 · 114,35%).
 */
import { formatNumber, formatPercent } from '../../platform/i18n/vi.js';

/** Largest value accepted: beyond it a number is a typing slip, not a statistic. */
export const MAX_INDICATOR_VALUE = 1e12;
/** Largest value of a '%' indicator (growth rates may pass 100 %, not 1.000 %). */
export const MAX_PERCENT_VALUE = 1_000;
/** Decimals kept: 55,7 · 17,69 · 0,0125. */
export const MAX_DECIMALS = 4;
const MAX_TEXT_LENGTH = 40;

export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'invalid'; reason: 'format' | 'negative' | 'too_large' | 'too_precise' };

const EMPTY_MARKS = new Set(['', '-', '–', '—', 'x']);
// Spaces readers put between thousands: plain, no-break, narrow no-break, thin.
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;

function checked(value: number, decimals: number): ParsedNumber {
  if (!Number.isFinite(value)) return { kind: 'invalid', reason: 'format' };
  if (value < 0) return { kind: 'invalid', reason: 'negative' };
  if (value > MAX_INDICATOR_VALUE) return { kind: 'invalid', reason: 'too_large' };
  if (decimals > MAX_DECIMALS) return { kind: 'invalid', reason: 'too_precise' };
  // -0 is 0.
  return { kind: 'number', value: value === 0 ? 0 : value };
}

/** The digits of `text` when it is digits in groups of three after a 1–3 digit head, with `separator` between. */
function ungroup(text: string, separator: string): string | undefined {
  const groups = text.split(separator);
  if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return undefined;
  return groups.join('');
}

/** Decimal digits of a number as JavaScript writes it (1e-7 counts 7). */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * Reads a number as staff write it. Never throws, whatever it is given.
 * - Vietnamese: "6.518" (thousands), "55,7" (decimal comma), "1.234.567,5";
 * - plain: "6518", "55.7", "1,234,567.5";
 * - spaces between thousands, a trailing "%", and "-", "–" or empty for no value.
 * One dot followed by exactly three digits after a 1–3 digit head ("6.518", "1.500") is
 * a thousands separator, as Vietnamese readers mean it; any other single dot is decimal.
 */
export function parseVietnameseNumber(input: unknown): ParsedNumber {
  if (input === null || input === undefined) return { kind: 'empty' };
  if (typeof input === 'number') return Number.isFinite(input) ? checked(input, decimalsOf(input)) : { kind: 'invalid', reason: 'format' };
  if (typeof input !== 'string' || input.length > MAX_TEXT_LENGTH * 4) return { kind: 'invalid', reason: 'format' };
  let text = input.normalize('NFC').trim().replace(/%$/, '').trim().toLowerCase();
  if (EMPTY_MARKS.has(text)) return { kind: 'empty' };
  text = text.replace(GROUP_SPACES, '');
  if (text.length > MAX_TEXT_LENGTH) return { kind: 'invalid', reason: 'format' };
  let isNegative = false;
  if (/^[-−–]/.test(text)) {
    isNegative = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return { kind: 'invalid', reason: 'format' };
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  let integer: string | undefined;
  let fraction = '';
  if (dot >= 0 && comma >= 0) {
    // The later separator is the decimal one; the other groups thousands.
    const [decimal, group] = dot > comma ? ['.', ','] : [',', '.'];
    const at = text.lastIndexOf(decimal);
    if (text.indexOf(decimal) !== at) return { kind: 'invalid', reason: 'format' };
    integer = ungroup(text.slice(0, at), group);
    fraction = text.slice(at + 1);
  } else if (comma >= 0) {
    const count = text.split(',').length - 1;
    if (count === 1) [integer, fraction] = text.split(',') as [string, string];
    else integer = ungroup(text, ',');
  } else if (dot >= 0) {
    const count = text.split('.').length - 1;
    if (count > 1 || /^[1-9]\d{0,2}\.\d{3}$/.test(text)) integer = ungroup(text, '.');
    else [integer, fraction] = text.split('.') as [string, string];
  } else {
    integer = text;
  }
  if (integer === undefined || !/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return { kind: 'invalid', reason: 'format' };
  const decimals = fraction.replace(/0+$/, '').length;
  const value = Number(fraction ? `${integer}.${fraction}` : integer);
  if (isNegative && value !== 0) return { kind: 'invalid', reason: 'negative' };
  return checked(value, decimals);
}

/**
 * The share of the plan achieved, as a ratio rounded to two decimals of a percent
 * (6518 of 5700 → 1.1435, shown 114,35%). Null when there is no target, the target is 0
 * (no share of nothing), or no result yet.
 */
export function percentOfPlan(target: number | null | undefined, result: number | null | undefined): number | null {
  if (typeof target !== 'number' || typeof result !== 'number' || !Number.isFinite(target) || !Number.isFinite(result) || target <= 0 || result < 0) return null;
  // toPrecision(12) first: 4.11 / 4 * 10000 is 10275.000000000002 in binary, and a true half must round up.
  const hundredths = Math.round(Number(((result / target) * 10_000).toPrecision(12)));
  return hundredths / 10_000;
}

/** The percentage as a number for machines: 114.35 (never 114.35000000000001). */
export function percentNumber(ratio: number): number {
  return Math.round(ratio * 10_000) / 100;
}

const decimalFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: MAX_DECIMALS });

/** 6.518 · 55,7 · 0,0125 */
export function formatIndicatorNumber(value: number): string {
  if (Number.isSafeInteger(value)) return formatNumber(value);
  return decimalFormat.format(value);
}

/** "6.518 người", "55,7%", "Chưa có" for a missing value. */
export function formatWithUnit(value: number | null, unit: string): string {
  if (value === null) return 'Chưa có';
  const number = formatIndicatorNumber(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** "114,35%", or "" when there is no percentage. */
export function formatPercentOfPlan(ratio: number | null): string {
  return ratio === null ? '' : formatPercent(ratio);
}
