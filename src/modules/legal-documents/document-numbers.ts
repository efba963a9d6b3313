/**
 * The rules of a document number (số ký hiệu), as pure functions that never throw.
 *
 * People write one number many ways: "20/2021/NĐ-CP", "20/2021/ND-CP", " 20 / 2021 / nđ-cp ",
 * "số 20/2021/NĐ-CP", with a no-break space, a typographic dash, decomposed (NFD) letters
 * or a leading zero ("05/2021"). They all give one key, which is what the registry stores
 * (number_key), looks up and compares; the number as typed stays for display.
 */
import { foldVietnamese, slugify } from '../../platform/i18n/vi.js';

/** Longest number kept (as typed); longer input is cut before it is normalised. */
export const MAX_NUMBER_LENGTH = 100;

/** Dashes and minus signs people (and word processors) put in a number's code. */
const DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g;
/** Slashes other than "/" (fullwidth, fraction, division). */
const SLASHES = /[\uff0f\u2044\u2215]/g;

/**
 * The lookup key of a number: folded (no diacritics, đ→d, lower case), without spaces,
 * the words before it ("Nghị định số"), or characters other than letters, digits, "/", "-" and "."; numeric
 * parts without leading zeros. '' when the text holds no digit (not a number).
 *
 * "Số 05 / 2021 / NĐ – CP" → "5/2021/nd-cp"
 */
export function normaliseDocumentNumber(text: string): string {
  if (typeof text !== 'string') return '';
  let key = foldVietnamese(text.slice(0, MAX_NUMBER_LENGTH * 2))
    .replace(DASHES, '-')
    .replace(SLASHES, '/')
    .replace(/\s+/g, ' ')
    .trim()
    // "số 20/2021", "so: 20/2021", "Nghị định số 20/2021", "Thông tư 26/2020": the words before the number
    .replace(/^(?:[a-z]+\s+)*(?:so\s*[:.]?\s*)?(?=\d)/, '')
    .replace(/[^a-z0-9/.-]+/g, '')
    .replace(/-+/g, '-')
    .replace(/\/+/g, '/')
    .replace(/^[-/.]+|[-/.]+$/g, '');
  if (!/\d/.test(key)) return '';
  // One writing of a part: "05" and "5" are the same number.
  key = key
    .split('/')
    .map((part) => part.split('-').map((piece) => (/^\d+$/.test(piece) ? piece.replace(/^0+(?=\d)/, '') : piece)).join('-'))
    .join('/');
  return key.slice(0, MAX_NUMBER_LENGTH);
}

/**
 * Whether a document's key answers a (partial) number typed by a reader: the same key,
 * or the key continuing it at a part boundary ("20/2021" finds "20/2021/nd-cp" but not
 * "120/2021/nd-cp" nor "20/20210/…").
 */
export function matchesNumberPrefix(key: string, partialKey: string): boolean {
  if (!partialKey || !key) return false;
  if (key === partialKey) return true;
  if (!key.startsWith(partialKey)) return false;
  const next = key.charAt(partialKey.length);
  return next === '/' || next === '-';
}

/**
 * Whether text a reader typed in a search box looks like a document number (a digit,
 * then a "/" and more): such a query puts the document with that number first.
 */
export function looksLikeDocumentNumber(text: string): boolean {
  const key = normaliseDocumentNumber(text);
  return /^\d+\/[a-z0-9]/.test(key) && text.length <= MAX_NUMBER_LENGTH;
}

/** The four-digit year written in a number ("20/2021/nd-cp" → 2021), or null ("123/kh-ubnd"). */
export function numberYear(key: string): number | null {
  for (const part of key.split('/').slice(1)) {
    if (/^(19|20)\d\d$/.test(part)) return Number(part);
  }
  return null;
}

/**
 * What makes a number unique on a site: its key, and for a number without a year
 * ("123/KH-UBND" is reused every year) also the year it was issued: "123/kh-ubnd@2024".
 */
export function numberIdentity(key: string, issuedOn: string | null | undefined): string {
  return numberYear(key) === null ? `${key}@${/^\d{4}/.exec(issuedOn ?? '')?.[0] ?? ''}` : key;
}

/**
 * The URL word of a document from its number: "20/2021/NĐ-CP" → "20-2021-nd-cp". A number
 * without a year ("123/KH-UBND" is reused every year) gets the year it was issued:
 * "123-kh-ubnd-2024". The caller makes it unique on the site ("-2", "-3"…).
 */
export function documentSlug(number: string, issuedOn?: string | null): string {
  const key = normaliseDocumentNumber(number);
  const base = slugify(key, 100) || 'van-ban';
  const year = /^\d{4}/.exec(issuedOn ?? '')?.[0];
  return numberYear(key) === null && year ? `${base}-${year}` : base;
}
