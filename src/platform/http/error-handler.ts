/**
 * The one place errors become responses. An AppError shows its own (Vietnamese, safe)
 * message; anything else is logged with the request id and answered with a generic
 * message, so no stack trace ever reaches a visitor. API paths get JSON
 * `{ error: { code, message, help, field } }`; pages get an HTML page from `renderPage`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, NotFoundError } from '../errors.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface PublicError {
  status: number;
  code: string;
  message: string;
  help: string;
  field?: string;
}

export type ErrorPageRenderer = (request: FastifyRequest, error: PublicError) => Promise<string>;

const GENERIC_HELP = 'Vui lòng thử lại sau ít phút. Nếu lỗi vẫn còn, hãy liên hệ đơn vị quản lý trang.';

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz';
}

function toPublicError(error: unknown): PublicError {
  if (error instanceof AppError && error.isPublic) {
    return { status: error.status, code: error.code, message: error.message, help: error.help ?? '', field: error.field };
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

async function send(request: FastifyRequest, reply: FastifyReply, error: PublicError, renderPage: ErrorPageRenderer): Promise<void> {
  // Page routes write their own security headers on success; errors get them here.
  reply.code(error.status).headers(SECURITY_HEADERS).header('cache-control', 'no-store');
  if (isApiRequest(request)) {
    await reply.send({ error: { code: error.code, message: error.message, help: error.help, field: error.field } });
    return;
  }
  let html: string;
  try {
    html = await renderPage(request, error);
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed to render');
    html = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi</title><h1>${error.status === 404 ? 'Không tìm thấy trang' : 'Hệ thống đang gặp sự cố'}</h1><p>${GENERIC_HELP}</p></html>`;
  }
  await reply.type('text/html; charset=utf-8').send(html);
}

export function registerErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler(async (error, request, reply) => {
    const publicError = toPublicError(error);
    if (publicError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: publicError.code, reason: (error as Error).message }, 'request refused');
    await send(request, reply, publicError, renderPage);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const notFound = new NotFoundError();
    await send(request, reply, toPublicError(notFound), renderPage);
  });
}
