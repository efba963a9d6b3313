/**
 * The rules of a rating, with no database: what a reader may send, how their key is made,
 * and which day a rating belongs to. Pure, so rating-rules.test.ts checks them directly.
 */
import crypto from 'node:crypto';
import { InvalidInputError } from '../../platform/errors.js';
import { TIME_ZONE } from '../../platform/i18n/vi.js';
import { cleanCitizenText } from '../public-forms/index.js';

export const RATING_LIMITS = {
  /** Characters of the optional comment (after cleaning). */
  comment: 500,
  /** Characters of a rated page's path: longer ones are no page of ours. */
  path: 500,
} as const;

export const ratingMessages = {
  useful: 'Hãy chọn "Có" hoặc "Không" để cho biết thông tin có hữu ích không.',
  unknownPage: 'Trang được đánh giá không có trên cổng thông tin.',
  unknownPageHelp: 'Hãy đánh giá từ chính trang bài viết, văn bản hoặc thủ tục bạn vừa đọc.',
} as const;

/** What a reader's form or fetch() sends: anything may be missing or of the wrong type. */
export interface RatingInput {
  path?: unknown;
  useful?: unknown;
  comment?: unknown;
}

export interface CheckedRating {
  path: string;
  isUseful: boolean;
  comment: string;
}

// Characters a path of ours never holds (no /g: test() would keep state).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** The comment field's rule for the shared citizen-text cleaning (public-forms). */
const COMMENT_RULE = { field: 'comment', label: 'Góp ý', max: RATING_LIMITS.comment, isMultiline: true, isRequired: false } as const;

/**
 * A comment as stored, cleaned like every citizen's text (public-forms' cleanCitizenText):
 * NFC, control, zero-width and bidi characters dropped, line breaks kept (at most one
 * empty line), trimmed. It stays plain text: every screen escapes it, the export
 * neutralises formulas.
 * @throws INVALID_INPUT (field 'comment') when not text or longer than the limit.
 */
export function cleanComment(raw: unknown): string {
  return cleanCitizenText(raw, COMMENT_RULE);
}

/**
 * A path shaped like one of our pages: starts with one '/', no query, fragment, backslash,
 * blank or control character. Whether such a page exists is the service's question.
 */
export function isPagePathShaped(path: string): boolean {
  return path.length <= RATING_LIMITS.path && /^\/(?!\/)[^\s?#\\]*$/.test(path) && !INVISIBLE.test(path);
}

/**
 * Checks a reader's rating.
 * @throws INVALID_INPUT with the field at fault ('useful', 'comment' or 'path').
 */
export function checkRatingInput(input: RatingInput): CheckedRating {
  if (input.useful !== 'yes' && input.useful !== 'no') throw new InvalidInputError(ratingMessages.useful, { field: 'useful' });
  const comment = cleanComment(input.comment);
  const path = typeof input.path === 'string' ? input.path.trim() : '';
  if (!isPagePathShaped(path)) throw new InvalidInputError(ratingMessages.unknownPage, { field: 'path', help: ratingMessages.unknownPageHelp });
  return { path, isUseful: input.useful === 'yes', comment };
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of `now` in Vietnam: a rating keeps its day, never its time. */
export function ratingDay(now: Date): string {
  return dayFormat.format(now);
}

/**
 * The reader's key for one page: HMAC-SHA256 under the day's secret of their address, user
 * agent, site and path. The same reader on the same page the same day gets the same key
 * (one rating per reader per page); without the secret, deleted after the day, nobody can
 * tell which address a key came from.
 */
export function readerKey(input: { secret: string; clientIp: string; userAgent: string; siteId: string; path: string }): string {
  // NUL separates the parts, so 'a' + 'bc' and 'ab' + 'c' never make the same key.
  const message = [input.clientIp, input.userAgent.slice(0, 500), input.siteId, input.path].join('\u0000');
  return crypto.createHmac('sha256', input.secret).update(message).digest('base64url');
}
