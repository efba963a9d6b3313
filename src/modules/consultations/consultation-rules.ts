/**
 * The rules of a consultation and of a citizen's comment, without a database: the limits,
 * the status computed from the clock (nothing has to be written for a consultation to
 * close at its date), the check of what the comment form sent, and receipt codes.
 */
import crypto from 'node:crypto';
import { InvalidInputError } from '../../platform/errors.js';
import { checkEmail, checkPhone, cleanCitizenText } from '../public-forms/index.js';
import { vietnamDay } from '../working-days/index.js';

export const CONSULTATION_LIMITS = { title: 500, issuingUnit: 300, summary: 200_000, report: 500_000, slug: 120, attachments: 20 } as const;
export const COMMENT_LIMITS = { name: 200, section: 100, body: 10_000 } as const;

export type Publication = 'draft' | 'published' | 'unpublished';
export const PUBLICATION_LABELS: Record<Publication, string> = { draft: 'Bản nháp', published: 'Đã xuất bản', unpublished: 'Đã gỡ xuống' };

export type ConsultationStatus = 'upcoming' | 'open' | 'closed';
export const STATUS_LABELS: Record<ConsultationStatus, string> = { upcoming: 'Sắp lấy ý kiến', open: 'Đang lấy ý kiến', closed: 'Đã kết thúc' };

/** Who sends the comment (optional on the form). */
export const ORG_TYPES = ['individual', 'organisation', 'business', 'state_agency'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, string> = { individual: 'Cá nhân', organisation: 'Tổ chức', business: 'Doanh nghiệp', state_agency: 'Cơ quan nhà nước' };

export function isOrgType(value: unknown): value is OrgType {
  return typeof value === 'string' && (ORG_TYPES as readonly string[]).includes(value);
}

/** The status at `now`: open from its opening time (inclusive) until its closing time (exclusive). */
export function consultationStatus(row: { opens_at: string; closes_at: string }, now: Date): ConsultationStatus {
  const time = now.getTime();
  if (time < Date.parse(row.opens_at)) return 'upcoming';
  if (time < Date.parse(row.closes_at)) return 'open';
  return 'closed';
}

/** Whole calendar days (Vietnam time) from today to the closing day: 0 on the closing day itself. */
export function daysLeft(closesAt: string, now: Date): number {
  const from = Date.parse(`${vietnamDay(now)}T00:00:00Z`);
  const to = Date.parse(`${vietnamDay(new Date(closesAt))}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

/** "còn 12 ngày" / "kết thúc hôm nay" for an open consultation. */
export function daysLeftLabel(closesAt: string, now: Date): string {
  const days = daysLeft(closesAt, now);
  return days === 0 ? 'kết thúc hôm nay' : `còn ${days} ngày`;
}

export interface CommentFields {
  name: string;
  email: string;
  phone: string;
  orgType: OrgType | '';
  section: string;
  body: string;
}

export type CommentInput = Partial<Record<keyof CommentFields, unknown>>;

/**
 * Checks what the comment form sent (the shared defences are checked after, by the service).
 * @throws INVALID_INPUT naming the field at fault.
 */
export function checkCommentFields(input: CommentInput): CommentFields {
  const name = cleanCitizenText(input.name, { field: 'name', label: 'Họ và tên hoặc tên tổ chức', max: COMMENT_LIMITS.name });
  const email = checkEmail(input.email, { isRequired: false });
  const phone = checkPhone(input.phone, { isRequired: false });
  if (!email && !phone) throw new InvalidInputError('Hãy nhập thư điện tử hoặc số điện thoại để cơ quan liên hệ khi cần làm rõ góp ý.', { field: 'email' });
  const rawType = input.orgType === undefined || input.orgType === null ? '' : input.orgType;
  if (rawType !== '' && !isOrgType(rawType)) throw new InvalidInputError('Đối tượng góp ý đã chọn không có.', { field: 'orgType', help: 'Hãy chọn cá nhân, tổ chức, doanh nghiệp hoặc cơ quan nhà nước, hoặc để trống.' });
  const section = cleanCitizenText(input.section, { field: 'section', label: 'Điều, khoản góp ý', max: COMMENT_LIMITS.section, isRequired: false });
  const body = cleanCitizenText(input.body, { field: 'body', label: 'Nội dung góp ý', max: COMMENT_LIMITS.body, isMultiline: true });
  if ([...body].length < 10) throw new InvalidInputError('Nội dung góp ý quá ngắn: hãy viết rõ ý kiến của bạn (ít nhất 10 ký tự).', { field: 'body' });
  return { name, email, phone, orgType: rawType as OrgType | '', section, body };
}

/** No look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B): read aloud over the phone without doubt. */
const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** "GY-7K3Q-9M2X": 8 random characters of 25, never sequential. */
export function newReceiptCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(0, CODE_ALPHABET.length)]);
  return `GY-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
