/**
 * Vietnamese text rules shared by every module: slugs, dates and numbers written the way
 * a Vietnamese reader expects (16/01/2022 · 69.534 · 114,35%), and search folding.
 */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 2 });

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** 16/01/2022, in Vietnam's time zone whatever the server's. */
export function formatDate(value: Date | string): string {
  return dateFormat.format(toDate(value));
}

/** 08:30 16/01/2022 */
export function formatDateTime(value: Date | string): string {
  const date = toDate(value);
  return `${timeFormat.format(date)} ${dateFormat.format(date)}`;
}

/**
 * 69.534. Whole numbers, the counters on every page, are grouped by hand: ICU's format
 * was 7 % of the server's time on a cached article (two counters per request).
 */
export function formatNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value).replace(/\B(?=(\d{3})+$)/g, '.');
  return integerFormat.format(value);
}

/** 1.1435 → 114,35% (Intl puts a no-break space before %; Vietnamese print does not). */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio).replace(/\s/g, '');
}

/** Folds text for diacritic-insensitive matching: "Đắk Lắk" → "dak lak". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export const MAX_SLUG_LENGTH = 120;

/**
 * URL slug: diacritics dropped, đ→d, anything else that is not a letter or digit becomes a
 * single hyphen; cut at a word boundary so URLs stay readable.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** Vietnamese text is stored NFC so equal words compare equal whatever keyboard typed them. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * What a reader typed, fit to show back on a page: control, zero-width and bidi-override
 * characters become spaces, so an echoed query can neither break the markup nor reorder
 * the text around it.
 */
export function echoableText(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ');
}
