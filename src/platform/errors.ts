/**
 * The one error type that crosses layers. `message` is safe to show a citizen or an
 * editor (Vietnamese, says what happened); `help` says what to do next. Codes are stable
 * and listed in ERROR_CODES so clients can rely on them.
 */
export const ERROR_CODES = {
  NOT_FOUND: 404,
  PAGE_OUT_OF_RANGE: 404,
  INVALID_INPUT: 400,
  /** No valid session or token: log in (again). */
  UNAUTHENTICATED: 401,
  /** The actor is known but may not do this (the role, the site, another person's draft). */
  FORBIDDEN: 403,
  /** The staff form's anti-forgery token is missing or wrong. */
  CSRF_INVALID: 403,
  /** The request repeats something that must be unique (a slug, a path): change it and retry. */
  CONFLICT: 409,
  /** The workflow state does not allow this step now (publishing what is already published). */
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** An upload whose bytes are not a kind the library accepts. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  readonly help: string | undefined;
  readonly field: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { help?: string; field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = ERROR_CODES[code];
    this.help = options.help;
    this.field = options.field;
  }

  /** 5xx details stay in the log; the visitor gets a generic message. */
  get isPublic(): boolean {
    return this.status < 500;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Không tìm thấy trang bạn yêu cầu.', help = 'Trang có thể đã được chuyển hoặc gỡ bỏ. Hãy quay về trang chủ hoặc dùng menu để tìm nội dung.') {
    super('NOT_FOUND', message, { help });
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string, options: { field?: string; help?: string; cause?: unknown } = {}) {
    super('INVALID_INPUT', message, options);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    // The wait goes in Retry-After, not the text: error pages are cached per site and message.
    super('RATE_LIMITED', 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn.', { help: 'Vui lòng chờ một phút rồi thử lại.' });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Bạn cần đăng nhập để tiếp tục.') {
    super('UNAUTHENTICATED', message, { help: 'Hãy đăng nhập bằng tài khoản cán bộ của cơ quan.' });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.', help = 'Nếu bạn cần quyền này, hãy liên hệ quản trị của trang.') {
    super('FORBIDDEN', message, { help });
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, options: { field?: string; help?: string } = {}) {
    super('PAYLOAD_TOO_LARGE', message, options);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, options: { field?: string; help?: string } = {}) {
    super('UNSUPPORTED_MEDIA_TYPE', message, options);
  }
}
