/**
 * Checking the rows of an indicator's table (kỳ, địa bàn, kế hoạch, thực hiện, ghi chú)
 * as staff send them, from a form, the API or a pasted sheet: each row's period must be
 * of the indicator's kind, numbers are read the Vietnamese way or plainly, and one
 * period and district appear once. Pure: no database.
 */
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';
import { formatPercentOfPlan, formatWithUnit, MAX_DECIMALS, MAX_INDICATOR_VALUE, MAX_PERCENT_VALUE, parseVietnameseNumber, percentOfPlan, type ParsedNumber } from './indicator-numbers.js';
import { normalisePeriod, periodExample, periodLabel, type PeriodKind } from './indicator-periods.js';

export const VALUE_LIMITS = { rows: 2_000, district: 100, note: 500 } as const;

/** A row as sent: anything may be missing or wrong. */
export interface IndicatorValueInput {
  period?: unknown;
  district?: unknown;
  target?: unknown;
  result?: unknown;
  note?: unknown;
}

/** A checked row, as stored. */
export interface IndicatorValue {
  /** 'YYYY' or 'YYYY-Qn'. */
  period: string;
  /** '' = the whole province or agency. */
  district: string;
  target: number | null;
  result: number | null;
  note: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line of text: NFC, no control or bidi characters, single spaces. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return toNfc(String(value).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim());
}

/** What makes two districts the same: "Đăk Hà" and "Đắk  Hà" are one. */
export function districtKey(district: string): string {
  return foldVietnamese(district).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Words staff use for "the whole area": stored as ''. */
const WHOLE_AREA = new Set(['', 'toan tinh', 'toan dia ban', 'chung', 'tong', 'tong cong', 'tong so']);

function numberOf(raw: unknown, input: { row: number; field: string; label: string; unit: string }): number | null {
  const parsed: ParsedNumber = parseVietnameseNumber(raw);
  const at = `Dòng ${input.row + 1}`;
  const field = `values.${input.row}.${input.field}`;
  if (parsed.kind === 'empty') return null;
  if (parsed.kind === 'invalid') {
    const message = {
      format: `${at}: ${input.label} "${String(raw).slice(0, 40)}" không phải là một số.`,
      negative: `${at}: ${input.label} không được là số âm.`,
      too_large: `${at}: ${input.label} quá lớn, hãy kiểm tra lại.`,
      too_precise: `${at}: ${input.label} có quá ${MAX_DECIMALS} chữ số thập phân.`,
    }[parsed.reason];
    throw new InvalidInputError(message, { field, help: 'Ghi số theo kiểu Việt Nam (6.518 hoặc 55,7) hoặc không có dấu nhóm (6518, 55.7); để trống khi chưa có.' });
  }
  const limit = input.unit === '%' ? MAX_PERCENT_VALUE : MAX_INDICATOR_VALUE;
  if (parsed.value > limit) throw new InvalidInputError(`${at}: ${input.label} quá lớn cho đơn vị %, hãy kiểm tra lại.`, { field });
  return parsed.value;
}

/**
 * The rows checked and normalised, in the order sent.
 * @throws INVALID_INPUT naming the row and field (`values.3.target`): a period not of the
 *   kind, a number that is none, negative or absurd, a period and district given twice,
 *   a row with neither target nor result, too many rows.
 */
export function checkIndicatorValues(input: { periodKind: PeriodKind; unit: string; rows: unknown }): IndicatorValue[] {
  if (!Array.isArray(input.rows)) throw new InvalidInputError('Số liệu phải là một danh sách các dòng.', { field: 'values' });
  if (input.rows.length > VALUE_LIMITS.rows) throw new InvalidInputError(`Một chỉ tiêu có tối đa ${VALUE_LIMITS.rows} dòng số liệu.`, { field: 'values' });
  const seen = new Map<string, number>();
  return input.rows.map((raw: unknown, row) => {
    const at = `Dòng ${row + 1}`;
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as IndicatorValueInput;
    const period = normalisePeriod(input.periodKind, typeof item.period === 'string' || typeof item.period === 'number' ? item.period : undefined);
    if (!period) {
      const kind = input.periodKind === 'year' ? 'một năm' : 'một quý';
      throw new InvalidInputError(`${at}: kỳ "${cleanText(item.period).slice(0, 40)}" không phải ${kind}.`, { field: `values.${row}.period`, help: `Ví dụ: ${periodExample(input.periodKind)}.` });
    }
    let district = cleanText(item.district);
    if (district.length > VALUE_LIMITS.district) throw new InvalidInputError(`${at}: tên địa bàn không được dài quá ${VALUE_LIMITS.district} ký tự.`, { field: `values.${row}.district` });
    if (WHOLE_AREA.has(districtKey(district))) district = '';
    const note = cleanText(item.note);
    if (note.length > VALUE_LIMITS.note) throw new InvalidInputError(`${at}: ghi chú không được dài quá ${VALUE_LIMITS.note} ký tự.`, { field: `values.${row}.note` });
    const target = numberOf(item.target, { row, field: 'target', label: 'kế hoạch', unit: input.unit });
    const result = numberOf(item.result, { row, field: 'result', label: 'kết quả thực hiện', unit: input.unit });
    if (target === null && result === null) throw new InvalidInputError(`${at}: hãy ghi kế hoạch, kết quả thực hiện, hoặc cả hai.`, { field: `values.${row}.target` });
    const key = `${period}\u0000${districtKey(district)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const place = district ? `, địa bàn ${district}` : '';
      throw new InvalidInputError(`${at} lặp lại dòng ${first + 1} (${periodLabel(period)}${place}).`, { field: `values.${row}.period`, help: 'Mỗi kỳ và địa bàn chỉ có một dòng: hãy gộp hoặc xoá dòng lặp.' });
    }
    seen.set(key, row);
    return { period, district, target, result, note };
  });
}

const collator = new Intl.Collator('vi');

/** Period first (oldest first), then the whole area, then districts in Vietnamese order: the same on both engines. */
export function compareValues(a: { period: string; district: string }, b: { period: string; district: string }): number {
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  if (a.district === b.district) return 0;
  if (a.district === '') return -1;
  if (b.district === '') return 1;
  return collator.compare(a.district, b.district);
}

/** One period's facts in words, as the record and the chart's description say them. */
export function valueSentence(row: { period: string; district: string; target: number | null; result: number | null }, unit: string): string {
  const place = row.district ? ` (${row.district})` : '';
  const parts = [row.target !== null && `kế hoạch ${formatWithUnit(row.target, unit)}`, row.result !== null && `thực hiện ${formatWithUnit(row.result, unit)}`].filter(Boolean);
  const percent = formatPercentOfPlan(percentOfPlan(row.target, row.result));
  if (percent) parts.push(`đạt ${percent} kế hoạch`);
  return `${periodLabel(row.period)}${place}: ${parts.length ? parts.join(', ') : 'chưa có số liệu'}`;
}
