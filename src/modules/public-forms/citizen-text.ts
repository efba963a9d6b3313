/**
 * What a citizen typed, made fit to store and to show: NFC, no control or bidi characters,
 * within limits, with errors that name the field in Vietnamese. Also the e-mail and phone
 * checks every form shares, and the spreadsheet-cell guard for exports.
 */
import crypto from 'node:crypto';
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';

// C0 controls but tab and line feed, DEL, C1 controls; zero-width, soft hyphen and bidi
// marks/overrides/isolates (they can reorder what staff read: "Trojan Source"); BOM;
// non-characters; lone surrogates (they cannot be stored as UTF-8).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface CitizenTextRule {
  /** The form field's name, reported back in the error (`field`). */
  field: string;
  /** The field's label as the form shows it: "Nội dung câu hỏi". */
  label: string;
  /** Most characters (code points) allowed after cleaning. */
  max: number;
  /** Keeps line breaks (at most one empty line in a row); otherwise all whitespace becomes one space. */
  isMultiline?: boolean;
  /** Default true: empty is refused. Pass false for an optional field (then '' comes back). */
  isRequired?: boolean;
}

function lengthOf(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Cleans one field: NFC; control, zero-width and bidi characters removed; tabs and odd
 * spaces made plain; trimmed. Anything not a string (a repeated field arrives as an array)
 * is refused, never coerced.
 * @throws INVALID_INPUT with `field`: wrong type, empty when required, too long.
 */
export function cleanCitizenText(value: unknown, rule: CitizenTextRule): string {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new InvalidInputError(`Trường "${rule.label}" không hợp lệ.`, { field: rule.field, help: 'Hãy nhập lại bằng chữ trong ô này.' });
  }
  let text = (value ?? '').normalize('NFC').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(INVISIBLE, '');
  if (rule.isMultiline) {
    text = text
      .split('\n')
      .map((line) => line.replace(/[\t\p{Zs}]+/gu, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    text = text.replace(/[\s\p{Zs}]+/gu, ' ').trim();
  }
  if (!text && rule.isRequired !== false) {
    throw new InvalidInputError(`Hãy nhập "${rule.label}".`, { field: rule.field });
  }
  const length = lengthOf(text);
  if (length > rule.max) {
    throw new InvalidInputError(`"${rule.label}" không được dài quá ${rule.max} ký tự (bạn đã nhập ${length} ký tự).`, { field: rule.field, help: 'Hãy rút gọn nội dung rồi gửi lại.' });
  }
  return text;
}

const EMAIL_LABEL = 'Thư điện tử';
const PHONE_LABEL = 'Số điện thoại';
// Practical, not RFC 5322: what a citizen's mailbox looks like, and nothing that could
// break a header or markup (no spaces, quotes, angle brackets, commas or semicolons).
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * An e-mail address, trimmed, with the domain in lower case; '' when optional and empty.
 * @throws INVALID_INPUT (field 'email' unless given).
 */
export function checkEmail(value: unknown, options: { field?: string; label?: string; isRequired?: boolean } = {}): string {
  const field = options.field ?? 'email';
  const label = options.label ?? EMAIL_LABEL;
  const text = cleanCitizenText(value, { field, label, max: 254, isRequired: options.isRequired });
  if (!text) return '';
  if (!EMAIL.test(text) || text.includes('..') || text.startsWith('.')) {
    throw new InvalidInputError(`"${label}" chưa đúng dạng, ví dụ: ten@example.vn.`, { field });
  }
  const at = text.lastIndexOf('@');
  return `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
}

/**
 * A Vietnamese phone number, returned as 0xxxxxxxxx: mobile 0[35789] + 8 digits, landline
 * 02 + 9 digits; +84 / 84 and spaces, dots, dashes, brackets accepted; '' when optional and empty.
 * @throws INVALID_INPUT (field 'phone' unless given).
 */
export function checkPhone(value: unknown, options: { field?: string; label?: string; isRequired?: boolean } = {}): string {
  const field = options.field ?? 'phone';
  const label = options.label ?? PHONE_LABEL;
  const text = cleanCitizenText(value, { field, label, max: 30, isRequired: options.isRequired });
  if (!text) return '';
  let digits = text.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (!/^(?:0[35789]\d{8}|02\d{9})$/.test(digits)) {
    throw new InvalidInputError(`"${label}" chưa đúng: hãy ghi số di động 10 số (ví dụ 0912 345 678) hoặc số cố định có mã vùng (ví dụ 0258 3822 123).`, { field });
  }
  return digits;
}

// A spreadsheet reads a cell that starts with one of these (after spaces) as a formula or a
// DDE call (OWASP "CSV Injection"): = + - @, tab, CR, LF, the pipe, and their full-width forms.
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\t\r\n|\uff1d\uff0b\uff0d\uff20]/;

/**
 * A citizen's text fit for a CSV or XLSX cell: one that would start a formula gets a leading
 * apostrophe, which makes the spreadsheet show it as text. Use on every exported cell.
 */
export function safeSheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * sha256 (hex) of the parts, folded (no diacritics, đ→d, lower case), invisible characters
 * dropped and whitespace collapsed: the same question typed again with other spacing or
 * without diacritics gives the same fingerprint. Parts are joined with a separator no one types.
 */
export function contentFingerprint(...parts: string[]): string {
  const folded = parts.map((part) => foldVietnamese(part.normalize('NFC').replace(INVISIBLE, '')).replace(/\s+/g, ' ').trim());
  return crypto.createHash('sha256').update(folded.join('\u0000')).digest('hex');
}
