/**
 * Uploads and the library: POST /admin/media (the islands' XHR, or a plain form), the
 * editor's thumbnails, the library page, and .docx import (multipart too).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission } from '../accounts/index.js';
import { createDraft, importDocx } from '../articles/index.js';
import {
  browseLibrary,
  describeLibraryItem,
  getLibraryItem,
  MAX_UPLOAD_BYTES,
  MediaInUseError,
  removeFromLibrary,
  uploadToLibrary,
  type Media,
} from '../media/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { readUpload } from './multipart-upload.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { DataTable, EmptyState, Form, FormActions, Pagination, Panel, Select, SubmitButton, TextArea, TextField, Time, type FlashMessage } from './views/components.js';

const PAGE_SIZE = 24;
/** A .docx is a document: the same limit as documents in the library. */
const MAX_FIELD_BYTES = 10_000;


function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function thumbUrl(id: string): string {
  return `${PATHS.upload}/${id}/thumb`;
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export async function registerMediaAdminRoutes(admin: FastifyInstance, deps: AdminUiDeps): Promise<void> {
  await admin.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: MAX_FIELD_BYTES, parts: 12 } });

  admin.post('/media', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 60, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    const { fields, file } = await readUpload(request, MAX_UPLOAD_BYTES);
    if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
    const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name, alt: fields.alt, caption: fields.caption });
    if (wantsJson(request)) return reply.code(201).header('cache-control', 'no-store').send({ media: { id: media.id, kind: media.kind, thumbUrl: media.kind === 'image' ? thumbUrl(media.id) : null, url: media.url, alt: media.alt, name: media.originalName } });
    return seeOther(reply, withFlash(PATHS.media, 'da-tai-len'));
  });

  admin.get<{ Params: { id: string } }>('/media/:id/thumb', async (request, reply) => {
    const { media } = await getLibraryItem(deps.db, staffOf(request).scope, request.params.id);
    const jpeg = media.variants.filter((v) => v.format === 'jpeg');
    const variant = jpeg.find((v) => v.width >= 640) ?? jpeg[jpeg.length - 1];
    if (!variant) return reply.callNotFound();
    return reply.code(302).header('location', `/media/${variant.key}`).header('cache-control', 'private, max-age=3600').send();
  });

  const libraryPage = async (request: FastifyRequest, reply: FastifyReply, flash?: FlashMessage, status = 200) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const page = Math.min(Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1), 10_000);
    const kind = query.loai === 'image' || query.loai === 'document' ? query.loai : undefined;
    const text = (query.q ?? '').slice(0, 200);
    const result = await browseLibrary(deps.db, staff.scope, { query: text, kind, page, pageSize: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const canDelete = hasPermission(staff.scope.actor, 'media.delete');
    const canEdit = hasPermission(staff.scope.actor, 'media.edit');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thư viện tệp',
        path: PATHS.media,
        flash: flash ?? flashOf(request),
        islands: ['uploader'],
        children: (
          <>
            <Panel title="Tải tệp lên">
              <Form action={PATHS.upload} csrfToken={staff.csrfToken} enctype="multipart/form-data" attrs={{ 'data-uploader': true }}>
                <TextField name="alt" label="Mô tả ảnh (alt)" help="Nói ảnh cho người không nhìn thấy: ai, đang làm gì, ở đâu." maxLength={500} />
                <div class="field">
                  <label for="upload-file">Tệp</label>
                  <p class="help" id="upload-file-help">Ảnh JPEG, PNG, WebP, GIF (tối đa 20 MB); tài liệu PDF, DOCX, XLSX, DOC, XLS, ODT (tối đa 50 MB).</p>
                  <input id="upload-file" class="input" type="file" name="file" required aria-describedby="upload-file-help" />
                </div>
                <FormActions>
                  <SubmitButton label="Tải lên" />
                </FormActions>
              </Form>
            </Panel>
            <Form action={PATHS.media} method="get" class="filter-form">
              <TextField name="q" label="Tìm theo tên, mô tả" type="search" value={text} />
              <Select name="loai" label="Loại" options={[{ value: '', label: 'Tất cả', isSelected: !kind }, { value: 'image', label: 'Ảnh', isSelected: kind === 'image' }, { value: 'document', label: 'Tài liệu', isSelected: kind === 'document' }]} />
              <SubmitButton label="Lọc" variant="secondary" />
            </Form>
            <DataTable
              caption={`${formatNumber(result.total)} tệp`}
              columns={[
                { key: 'preview', label: 'Xem' },
                { key: 'name', label: 'Tên' },
                { key: 'details', label: 'Mô tả' },
                { key: 'size', label: 'Dung lượng', isNumeric: true },
                { key: 'date', label: 'Tải lên' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="name"
              rows={result.items.map((media: Media) => ({
                preview: media.kind === 'image' ? <img src={thumbUrl(media.id)} alt="" width={96} loading="lazy" /> : <span class="file-kind">{media.mime.split('/').pop()}</span>,
                name: <a href={media.url}>{media.originalName || media.alt || media.id}</a>,
                details: canEdit ? (
                  <Form action={`${PATHS.media}/${media.id}`} csrfToken={staff.csrfToken} class="inline-form">
                    <TextField name="alt" label="Mô tả (alt)" value={media.alt} maxLength={500} id={`alt-${media.id}`} />
                    <TextArea name="caption" label="Chú thích" value={media.caption} rows={2} maxLength={2000} id={`caption-${media.id}`} />
                    <SubmitButton label="Lưu" variant="secondary" />
                  </Form>
                ) : (
                  media.alt
                ),
                size: sizeLabel(media.bytes),
                date: <Time value={media.createdAt} />,
                actions: canDelete ? <a href={`${PATHS.media}/${media.id}/xoa`}>Xoá…</a> : '',
              }))}
              empty={<EmptyState title="Chưa có tệp nào." />}
            />
            <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `${PATHS.media}?q=${encodeURIComponent(text)}&loai=${kind ?? ''}&trang=${p}`} />
          </>
        ),
      },
      status,
    );
  };

  admin.get('/thu-vien', (request, reply) => libraryPage(request, reply));

  admin.post<{ Params: { id: string } }>('/thu-vien/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      await describeLibraryItem(deps.db, staffOf(request).scope, { mediaId: request.params.id, alt: body.alt ?? '', caption: body.caption ?? '' });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
      return libraryPage(request, reply, { kind: 'error', message: error.message }, 400);
    }
    return seeOther(reply, withFlash(PATHS.media, 'da-cap-nhat'));
  });

  // Deleting asks on a page of its own that says where the file is used.
  admin.get<{ Params: { id: string } }>('/thu-vien/:id/xoa', async (request, reply) => {
    const staff = staffOf(request);
    const { media, usages } = await getLibraryItem(deps.db, staff.scope, request.params.id);
    return sendStaffPage(reply, staff.frame, {
      title: 'Xoá tệp',
      path: PATHS.media,
      breadcrumbs: [{ href: PATHS.media, label: 'Thư viện tệp' }],
      children: (
        <Panel title={media.originalName || media.alt || 'Tệp không tên'}>
          {usages.length ? (
            <>
              <p>Tệp đang được dùng ở {usages.length} chỗ:</p>
              <ul>
                {usages.map((usage) => (
                  <li>{'articleId' in usage ? <a href={PATHS.article(usage.articleId)}>{usage.articleTitle}</a> : usage.label} ({usage.place})</li>
                ))}
              </ul>
              <p>Xoá thì ảnh biến mất khỏi các bài trên (ảnh đại diện và thư viện ảnh bị gỡ; ảnh trong nội dung không hiện nữa).</p>
            </>
          ) : (
            <p>Tệp không được dùng ở đâu.</p>
          )}
          <Form action={`${PATHS.media}/${media.id}/xoa`} csrfToken={staff.csrfToken}>
            <input type="hidden" name="confirmed" value="1" />
            <SubmitButton label="Xoá vĩnh viễn" variant="danger" />
          </Form>
        </Panel>
      ),
    });
  });

  admin.post<{ Params: { id: string } }>('/thu-vien/:id/xoa', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      await removeFromLibrary(deps.db, deps.mediaDir, staffOf(request).scope, { mediaId: request.params.id, isConfirmed: body.confirmed === '1' });
    } catch (error) {
      if (!(error instanceof MediaInUseError)) throw error;
      return libraryPage(request, reply, { kind: 'error', message: error.message }, 409);
    }
    return seeOther(reply, withFlash(PATHS.media, 'da-xoa'));
  });

  admin.post('/bai-viet/nhap-docx', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    const { fields, file } = await readUpload(request, MAX_UPLOAD_BYTES);
    if (!file) throw new InvalidInputError('Chưa chọn tệp Word để nhập.', { field: 'file' });
    const imported = await importDocx(file.bytes, {
      storeImage: async (image) => {
        const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: image.bytes, originalName: `${file.name.replace(/\.docx$/i, '')} - ảnh`, alt: image.altText });
        return { id: media.id };
      },
    });
    const { id } = await createDraft(deps.db, staff.scope, { title: imported.title || file.name.replace(/\.docx$/i, '') || 'Bài nhập từ Word', bodyHtml: imported.bodyHtml, categoryId: fields.categoryId ?? '' });
    return seeOther(reply, withFlash(PATHS.article(id), 'da-tao'));
  });
}

