/**
 * Errors on staff pages: a plain page in the staff look (not the public site's layout),
 * with the message and a way back. An expired session on a page view goes back to login.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PublicError } from '../../platform/http/error-handler.js';
import { SECURITY_HEADERS } from '../../platform/http/security-headers.js';
import type { AdminAssetUrls } from './admin-assets.js';
import { PATHS, withFlash } from './staff-pages.js';
import { LoginLayout, renderDocument } from './views/layout.js';

const TITLES: Record<number, string> = { 400: 'Yêu cầu không hợp lệ', 401: 'Cần đăng nhập', 403: 'Không có quyền', 404: 'Không tìm thấy', 409: 'Không thực hiện được', 413: 'Tệp quá lớn', 415: 'Loại tệp không được nhận', 429: 'Quá nhiều yêu cầu' };

export async function sendAdminError(request: FastifyRequest, reply: FastifyReply, error: PublicError, assets: AdminAssetUrls): Promise<void> {
  reply.headers(SECURITY_HEADERS).header('cache-control', 'no-store');
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, error.retryAfterSeconds)));
  if (error.status === 401 && request.method === 'GET') {
    await reply.code(303).header('location', withFlash(PATHS.login, 'het-phien')).send();
    return;
  }
  const title = TITLES[error.status] ?? 'Đã có lỗi';
  const html = renderDocument(
    <LoginLayout title={title} assets={assets} flash={{ kind: 'error', message: error.message }}>
      {error.help && <p>{error.help}</p>}
      <p>
        <a href={PATHS.home}>Về trang quản trị</a>
      </p>
    </LoginLayout>,
  );
  await reply.code(error.status).type('text/html; charset=utf-8').send(html);
}
