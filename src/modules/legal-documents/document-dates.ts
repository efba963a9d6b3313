/**
 * Calendar days of a document (ngày ban hành, hiệu lực, hết hiệu lực) as 'YYYY-MM-DD'.
 * Staff and sheets write them the Vietnamese way (16/01/2022, 16-01-2022, 16.01.2022) or
 * as ISO; a sheet cell may also hold a date (exceljs gives a Date at UTC midnight).
 */

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;

function day(year: number, month: number, dayOfMonth: number): string | undefined {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (dayOfMonth > last) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * The day written in `value`: null when empty, undefined when it is not a real date
 * (31/02/2021, 2021-13-01, "mai"). Never throws.
 */
export function parseDocumentDay(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return day(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (!text) return null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/.exec(text);
  if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (match) return day(Number(match[3]), Number(match[2]), Number(match[1]));
  return undefined;
}

/** 2021-06-30 → 30/06/2021 (how a day is shown). */
export function formatDocumentDay(isoDay: string | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}
