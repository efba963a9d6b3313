/**
 * The one place errors become responses. An AppError shows its own (Vietnamese, safe)
 * message; anything else is logged with the request id and answered with a generic
 * message, so no stack trace ever reaches a visitor. API paths get JSON
 * `{ error: { code, message, help, field } }`; pages get the site's error page from `sendPage`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUnstorableTextError } from '../db/db-errors.js';
import { AppError, NotFoundError, RateLimitedError } from '../errors.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface PublicError {
  status: number;
  code: string;
  message: string;
  help: string;
  field?: string;
  /** Seconds a rate-limited client should wait (Retry-After). */
  retryAfterSeconds?: number;
}

/** Sends the HTML error page (page-delivery.ts caches them per site). */
export type ErrorPageSender = (request: FastifyRequest, reply: FastifyReply, error: PublicError) => Promise<void>;

const GENERIC_HELP = 'Vui lòng thử lại sau ít phút. Nếu lỗi vẫn còn, hãy liên hệ đơn vị quản lý trang.';

/** API paths, and the staff islands' fetches (they ask for JSON), get JSON errors. */
function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz' || (request.url.startsWith('/admin/') && (request.headers.accept ?? '').startsWith('application/json'));
}

function toPublicError(error: unknown): PublicError {
  if (error instanceof RateLimitedError) {
    return { status: error.status, code: error.code, message: error.message, help: error.help ?? '', retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof AppError && error.isPublic) {
    return { status: error.status, code: error.code, message: error.message, help: error.help ?? '', field: error.field };
  }
  if (isUnstorableTextError(error)) {
    return { status: 400, code: 'INVALID_INPUT', message: 'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự điều khiển).', help: 'Hãy xoá ký tự lạ rồi gửi lại.' };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    const field = fastifyError.validation[0]?.instancePath?.replace(/^\//, '') || (fastifyError.validation[0]?.params as { missingProperty?: string } | undefined)?.missingProperty;
    return { status: 400, code: 'INVALID_INPUT', message: `Tham số ${field ? `"${field}" ` : ''}không hợp lệ.`, help: 'Hãy kiểm tra lại địa chỉ hoặc dữ liệu đã nhập.', field };
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: fastifyError.statusCode === 429 ? 'RATE_LIMITED' : 'INVALID_INPUT', message: 'Yêu cầu không hợp lệ.', help: 'Hãy kiểm tra lại địa chỉ hoặc dữ liệu đã gửi.' };
  }
  return { status: 500, code: 'INTERNAL', message: 'Đã có lỗi ngoài dự kiến, vui lòng thử lại.', help: GENERIC_HELP };
}

async function send(request: FastifyRequest, reply: FastifyReply, error: PublicError, sendPage: ErrorPageSender): Promise<void> {
  if (isApiRequest(request)) {
    reply.code(error.status).headers(SECURITY_HEADERS).header('cache-control', 'no-store');
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, error.retryAfterSeconds)));
    await reply.send({ error: { code: error.code, message: error.message, help: error.help, field: error.field } });
    return;
  }
  await sendPage(request, reply, error);
}

export type ErrorAnswer = (error: unknown, request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Installs the error and not-found handlers; returns the answer for errors raised outside routes (Fastify's frameworkErrors). */
export function registerErrorHandling(app: FastifyInstance, sendPage: ErrorPageSender): ErrorAnswer {
  const answer: ErrorAnswer = async (error, request, reply) => {
    const publicError = toPublicError(error);
    if (publicError.status >= 500) request.log.error({ err: error }, 'request failed');
    // A scanner's 404s and a flood's 429s would bury the log at info: they are debug.
    else if (publicError.status === 404 || publicError.status === 429) request.log.debug({ code: publicError.code, url: request.url }, 'request refused');
    else request.log.info({ code: publicError.code, reason: (error as Error).message }, 'request refused');
    await send(request, reply, publicError, sendPage);
  };
  app.setErrorHandler(answer);
  app.setNotFoundHandler(async (request, reply) => {
    const notFound = new NotFoundError();
    await send(request, reply, toPublicError(notFound), sendPage);
  });
  return answer;
}
