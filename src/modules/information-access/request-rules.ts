/**
 * The rules of a request for information (phiếu yêu cầu cung cấp thông tin, Nghị định
 * 13/2018/NĐ-CP), without a database: the limits, the check of what the form sent, the
 * citizen-number mask, tracking codes, the status words, and the deadlines in working days.
 */
import crypto from 'node:crypto';
import { InvalidInputError } from '../../platform/errors.js';
import { checkEmail, checkPhone, cleanCitizenText } from '../public-forms/index.js';
import { addWorkingDays } from '../working-days/index.js';

export const REQUEST_LIMITS = { name: 100, idNumber: 12, address: 300, content: 5_000, purpose: 1_000, answer: 50_000, reason: 1_000 } as const;

/** Luật Tiếp cận thông tin 2016, Điều 28: 15 working days, extendable once by up to 15 more. */
export const ANSWER_WORKING_DAYS = 15;
export const MAX_EXTENSION_DAYS = 15;
/** Working days left at or under which a request is "sắp đến hạn". */
export const DUE_SOON_DAYS = 3;
export const DEFAULT_RETENTION_MONTHS = 24;

export const REQUEST_STATUSES = ['received', 'in_progress', 'extended', 'answered', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'in_progress', 'extended'];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Đã tiếp nhận',
  in_progress: 'Đang xử lý',
  extended: 'Đã gia hạn',
  answered: 'Đã cung cấp thông tin',
  refused: 'Từ chối cung cấp',
};

export const DELIVERY_METHODS = ['email', 'post', 'office'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  email: 'Qua thư điện tử',
  post: 'Qua đường bưu điện',
  office: 'Nhận trực tiếp tại cơ quan',
};

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export interface RequestFields {
  fullName: string;
  idNumber: string;
  address: string;
  phone: string;
  email: string;
  content: string;
  purpose: string;
  delivery: DeliveryMethod;
}

export type RequestInput = Partial<Record<keyof RequestFields, unknown>>;

/**
 * Checks what the public form sent (the defences are checked after, by the service).
 * @throws INVALID_INPUT naming the field at fault.
 */
export function checkRequestFields(input: RequestInput): RequestFields {
  const fullName = cleanCitizenText(input.fullName, { field: 'fullName', label: 'Họ và tên', max: REQUEST_LIMITS.name });
  const rawId = cleanCitizenText(input.idNumber, { field: 'idNumber', label: 'Số định danh cá nhân / CCCD', max: 20 }).replace(/[\s.]/g, '');
  if (!/^\d{12}$/.test(rawId)) throw new InvalidInputError('Số định danh cá nhân / CCCD phải gồm đúng 12 chữ số.', { field: 'idNumber', help: 'Số in trên thẻ căn cước công dân, ví dụ 062095001234.' });
  const address = cleanCitizenText(input.address, { field: 'address', label: 'Địa chỉ', max: REQUEST_LIMITS.address });
  const email = checkEmail(input.email, { isRequired: false });
  const phone = checkPhone(input.phone, { isRequired: false });
  if (!email && !phone) throw new InvalidInputError('Hãy nhập thư điện tử hoặc số điện thoại để cơ quan liên hệ khi cần.', { field: 'email' });
  const content = cleanCitizenText(input.content, { field: 'content', label: 'Thông tin cần cung cấp', max: REQUEST_LIMITS.content, isMultiline: true });
  if ([...content].length < 10) throw new InvalidInputError('Nội dung yêu cầu quá ngắn: hãy ghi rõ thông tin bạn cần.', { field: 'content' });
  const purpose = cleanCitizenText(input.purpose, { field: 'purpose', label: 'Mục đích sử dụng thông tin', max: REQUEST_LIMITS.purpose, isMultiline: true });
  const delivery = input.delivery;
  if (typeof delivery !== 'string' || !(DELIVERY_METHODS as readonly string[]).includes(delivery)) throw new InvalidInputError('Hãy chọn cách nhận thông tin.', { field: 'delivery' });
  if (delivery === 'email' && !email) throw new InvalidInputError('Bạn chọn nhận qua thư điện tử: hãy nhập địa chỉ thư điện tử.', { field: 'email' });
  return { fullName, idNumber: rawId, address, phone, email, content, purpose, delivery: delivery as DeliveryMethod };
}

/** "********1234": lists show only the last four digits of a citizen number. */
export function maskIdNumber(idNumber: string): string {
  if (!idNumber) return '';
  return `${'*'.repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
}

/** No look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B): read aloud over the phone without doubt. */
const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** "TT-7K3Q-9M2X": 8 random characters of 25 (about 37 bits), never sequential. */
export function newTrackingCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(0, CODE_ALPHABET.length)]);
  return `TT-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a citizen typed as a code ("tt 7k3q9m2x") in the stored form, or null when it cannot be one. */
export function normaliseTrackingCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const letters = raw.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/^TT/, '');
  if (letters.length !== 8 || [...letters].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `TT-${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** The first deadline: 15 working days after the day of receipt (in Vietnam), the site's holidays skipped. */
export function firstDeadline(receivedDay: string, holidays: ReadonlySet<string>): string {
  return addWorkingDays(receivedDay, ANSWER_WORKING_DAYS, holidays);
}

/**
 * The deadline after the one extension: `days` (1–15) more working days counted from the
 * first deadline. @throws INVALID_INPUT for a number outside 1–15.
 */
export function extendedDeadline(firstDueDay: string, days: unknown, holidays: ReadonlySet<string>): { dueDay: string; days: number } {
  const text = typeof days === 'number' ? String(days) : typeof days === 'string' ? days.trim() : '';
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > MAX_EXTENSION_DAYS) {
    throw new InvalidInputError(`Số ngày gia hạn phải là số nguyên từ 1 đến ${MAX_EXTENSION_DAYS} (ngày làm việc).`, { field: 'days' });
  }
  return { dueDay: addWorkingDays(firstDueDay, Number(text), holidays), days: Number(text) };
}

/** A link in the list of public information: a path on this site, or an https address. @throws INVALID_INPUT. */
export function checkItemLink(raw: unknown): string {
  const link = typeof raw === 'string' ? raw.trim() : '';
  if (!link) throw new InvalidInputError('Hãy nhập đường dẫn tới thông tin.', { field: 'link' });
  if (link.length > 500 || /[\s\u0000-\u001f\u007f<>"']/.test(link)) throw new InvalidInputError('Đường dẫn không hợp lệ (tối đa 500 ký tự, không có khoảng trắng hay ký tự đặc biệt).', { field: 'link' });
  if (link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')) return link;
  try {
    const url = new URL(link);
    if (url.protocol === 'https:' && url.hostname) return url.toString();
  } catch {
    // Not a URL: refused below.
  }
  throw new InvalidInputError('Đường dẫn phải là một trang của cổng (bắt đầu bằng "/", ví dụ /van-ban) hoặc một địa chỉ https://.', { field: 'link' });
}
