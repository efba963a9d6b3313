/**
 * The rules of a citizen's question, without a database: the limits, the check of what
 * the form sent, tracking codes, and the status words the public sees.
 */
import crypto from 'node:crypto';
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { checkEmail, checkPhone, cleanCitizenText } from '../public-forms/index.js';

export const QUESTION_LIMITS = { name: 100, displayName: 60, email: 200, phone: 20, title: 200, body: 5_000, answer: 50_000, reason: 1_000 } as const;

export const QUESTION_STATUSES = ['new', 'assigned', 'answered', 'rejected'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const STATUS_LABELS: Record<QuestionStatus, string> = { new: 'Đã tiếp nhận', assigned: 'Đang xử lý', answered: 'Đã trả lời', rejected: 'Không tiếp nhận' };

/** Control characters (not tab or newline, which are spaces or line breaks). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text: control characters out, spaces squeezed, NFC. */
export function cleanLine(value: unknown): string {
  if (typeof value !== 'string') return '';
  return toNfc(value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim());
}

/** Several lines: line breaks kept (at most two in a row). */
export function cleanParagraphs(value: unknown): string {
  if (typeof value !== 'string') return '';
  return toNfc(value.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim());
}

export interface QuestionFields {
  name: string;
  email: string;
  phone: string;
  displayName: string;
  topicId: string;
  title: string;
  body: string;
}

export type QuestionInput = Partial<Record<keyof QuestionFields, unknown>>;

/**
 * Checks what the public form sent (the defences are checked after, by the service).
 * @throws INVALID_INPUT naming the field at fault.
 */
export function checkQuestionFields(input: QuestionInput): QuestionFields {
  const name = cleanCitizenText(input.name, { field: 'name', label: 'Họ và tên', max: QUESTION_LIMITS.name });
  const displayName = cleanCitizenText(input.displayName, { field: 'displayName', label: 'Tên hiển thị khi công bố', max: QUESTION_LIMITS.displayName, isRequired: false });
  const email = checkEmail(input.email, { isRequired: false });
  const phone = checkPhone(input.phone, { isRequired: false });
  if (!email && !phone) throw new InvalidInputError('Hãy nhập thư điện tử hoặc số điện thoại để cơ quan liên hệ khi cần.', { field: 'email' });
  const topicId = typeof input.topicId === 'string' ? input.topicId.trim() : '';
  if (!topicId || topicId.length > 100) throw new InvalidInputError('Hãy chọn lĩnh vực của câu hỏi.', { field: 'topicId' });
  const title = cleanCitizenText(input.title, { field: 'title', label: 'Tiêu đề câu hỏi', max: QUESTION_LIMITS.title });
  const body = cleanCitizenText(input.body, { field: 'body', label: 'Nội dung câu hỏi', max: QUESTION_LIMITS.body, isMultiline: true });
  if (body.length < 10) throw new InvalidInputError('Nội dung câu hỏi quá ngắn: hãy viết rõ điều bạn muốn hỏi.', { field: 'body' });
  return { name, email, phone, displayName, topicId, title, body };
}

/** No look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B): read aloud over the phone without doubt. */
const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** "HD-7K3Q-9M2X": 8 random characters of 25 (about 37 bits), never sequential. */
export function newTrackingCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(0, CODE_ALPHABET.length)]);
  return `HD-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a citizen typed as a code ("hd 7k3q9m2x") in the stored form, or null when it cannot be one. */
export function normaliseTrackingCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const letters = raw.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/^HD/, '');
  if (letters.length !== 8 || [...letters].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `HD-${letters.slice(0, 4)}-${letters.slice(4)}`;
}

export const DEFAULT_TOPICS = ['Việc làm', 'Giáo dục nghề nghiệp', 'Người có công', 'Bảo trợ xã hội', 'Trẻ em', 'Bình đẳng giới', 'An toàn lao động', 'Khác'];
export const DEFAULT_ANSWER_DAYS = 15;
export const DEFAULT_RETENTION_DAYS = 730;
/** Working days left at or under which a question is "sắp đến hạn". */
export const DUE_SOON_DAYS = 3;
