/**
 * The admin API, /api/admin/v1: the staff UI's use-cases for programs, with a personal
 * access token (`Authorization: Bearer cong_…`, created by `cong token create` or on the
 * account page). The token acts as its user with their role on the site the Host names,
 * so every permission check is the UI's own (the services decide). No cookie is read
 * here, so no CSRF token is needed: a browser never sends a bearer token by itself.
 * Errors are `{ error: { code, message } }` (platform/http/error-handler.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import { ForbiddenError, InvalidInputError, PayloadTooLargeError, RateLimitedError, UnauthenticatedError } from '../../platform/errors.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, listMembers } from '../accounts/index.js';
import { ARTICLE_STATES, createDraft, getArticleForEditing, listArticlesForStaff, listRevisions, saveArticle, takeStep, type ArticleForEditing } from '../articles/index.js';
import { addCategory, listCategoriesForStaff } from '../categories/index.js';
import { MAX_UPLOAD_BYTES, uploadToLibrary, type Media } from '../media/index.js';
import { readTokenScope, staffAddressCheck, type StaffDeps } from '../admin-ui/staff-auth.js';

export const ADMIN_API_PREFIX = '/api/admin/v1';
/** Calls per minute per client address. */
const API_CALLS_PER_MINUTE = 600;

export interface AdminApiDeps extends StaffDeps {
  mediaDir: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiScope?: RequestScope & { actor: Actor };
  }
}

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'Mã định danh (UUID)' });
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), help: Type.Optional(Type.String()), field: Type.Optional(Type.String()) }) }, { description: 'Lỗi: mã ổn định và thông điệp tiếng Việt' });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

const GalleryItem = Type.Object({ mediaId: Uuid, caption: Type.String({ maxLength: 500 }) });

const ArticleFieldsInput = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 300, description: 'Tiêu đề' })),
    slug: Type.Optional(Type.String({ maxLength: 120, description: 'Địa chỉ; bỏ trống để giữ nguyên (hoặc tạo từ tiêu đề khi tạo mới)' })),
    lead: Type.Optional(Type.String({ maxLength: 2000, description: 'Sapo' })),
    bodyHtml: Type.Optional(Type.String({ maxLength: 1_000_000, description: 'Nội dung HTML; luôn được lọc lại trên máy chủ' })),
    byline: Type.Optional(Type.String({ maxLength: 200, description: 'Dòng ký tên, ví dụ "Tin và ảnh: Lê Thương"' })),
    categoryId: Type.Optional(Uuid),
    extraCategoryIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
    coverMediaId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    galleryTitle: Type.Optional(Type.String({ maxLength: 300 })),
    gallery: Type.Optional(Type.Array(GalleryItem, { maxItems: 100 })),
    isFeatured: Type.Optional(Type.Boolean()),
    publishedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Ngày đăng (ISO 8601); trong tương lai là lịch xuất bản' })),
    seoDescription: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

const ArticleView = Type.Object({
  id: Uuid,
  status: Type.String({ description: `Một trong: ${ARTICLE_STATES.join(', ')}` }),
  workingState: Type.String({ description: 'Trạng thái của bản đang soạn (bản sửa của bài đã xuất bản)' }),
  hasWorkingCopy: Type.Boolean(),
  reviewComment: Type.String(),
  postedByName: Type.String(),
  needsSecondLook: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  missing: Type.Array(Type.String(), { description: 'Những gì còn thiếu trước khi xuất bản' }),
  fields: Type.Object({
    title: Type.String(),
    slug: Type.String(),
    lead: Type.String(),
    bodyHtml: Type.String(),
    byline: Type.String(),
    categoryId: Type.String(),
    extraCategoryIds: Type.Array(Type.String()),
    tags: Type.Array(Type.String()),
    coverMediaId: Type.Union([Type.String(), Type.Null()]),
    galleryTitle: Type.String(),
    gallery: Type.Array(Type.Object({ mediaId: Type.String(), caption: Type.String() })),
    isFeatured: Type.Boolean(),
    publishedAt: Type.Union([Type.String(), Type.Null()]),
    seoDescription: Type.String(),
  }),
});

function presentArticle(article: ArticleForEditing): Static<typeof ArticleView> {
  const { id, status, workingState, hasWorkingCopy, reviewComment, postedByName, needsSecondLook, createdAt, updatedAt, missing, fields } = article;
  return { id, status, workingState, hasWorkingCopy, reviewComment, postedByName, needsSecondLook, createdAt, updatedAt, missing, fields };
}

const MediaView = Type.Object({ id: Uuid, kind: Type.String(), mime: Type.String(), name: Type.String(), url: Type.String(), width: Type.Integer(), height: Type.Integer(), bytes: Type.Integer(), alt: Type.String(), caption: Type.String() });
const presentMedia = (m: Media): Static<typeof MediaView> => ({ id: m.id, kind: m.kind, mime: m.mime, name: m.originalName, url: m.url, width: m.width, height: m.height, bytes: m.bytes, alt: m.alt, caption: m.caption });

function scopeOf(request: FastifyRequest): RequestScope & { actor: Actor } {
  if (!request.apiScope) throw new UnauthenticatedError();
  return request.apiScope;
}

export async function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): Promise<void> {
  const isAllowedAddress = staffAddressCheck(deps.staff.allowedRanges);
  // Each call costs a token lookup before anything else: a client flooding the API with
  // made-up tokens is slowed down per address first.
  const limitCalls = app.createRateLimit({ max: API_CALLS_PER_MINUTE, timeWindow: 60_000 });
  await app.register(
    async (api) => {
      await api.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
      api.addHook('onRequest', async (request) => {
        if (!isAllowedAddress(request.ip)) throw new ForbiddenError('API quản trị chỉ mở cho mạng nội bộ của cơ quan.');
        const limit = await limitCalls(request);
        if (!limit.isAllowed && limit.isExceeded) throw new RateLimitedError(limit.ttlInSeconds);
        const scope = await readTokenScope(request, deps);
        if (!scope) throw new UnauthenticatedError('Thiếu khoá truy cập, hoặc khoá không hợp lệ, đã hết hạn hay bị thu hồi. Gửi tiêu đề Authorization: Bearer <khoá>.');
        request.apiScope = scope;
      });
      api.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      const tags = (tag: string) => [tag];

      typed.get('/articles', {
        schema: {
          tags: tags('Bài viết'),
          summary: 'Danh sách bài viết (tác giả chỉ thấy bài của mình)',
          querystring: Type.Object({
            view: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('mine'), Type.Literal('waiting'), Type.Literal('returned'), Type.Literal('second_look')])),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: Type.String(), workingState: Type.String(), postedByName: Type.String(), categoryId: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String() })), total: Type.Integer(), page: Type.Integer() }), ...errors },
        },
        handler: async (request) => {
          const page = request.query.page ?? 1;
          const result = await listArticlesForStaff(deps.db, scopeOf(request), { view: request.query.view ?? 'all', query: request.query.q, page, pageSize: request.query.pageSize ?? 20 });
          return { items: result.items.map(({ id, title, status, workingState, postedByName, categoryId, publishedAt, updatedAt }) => ({ id, title, status, workingState, postedByName, categoryId, publishedAt, updatedAt })), total: result.total, page };
        },
      });

      typed.post('/articles', {
        schema: { tags: tags('Bài viết'), summary: 'Tạo bản nháp', body: ArticleFieldsInput, response: { 201: ArticleView, ...errors } },
        handler: async (request, reply) => {
          const scope = scopeOf(request);
          const { id } = await createDraft(deps.db, scope, request.body);
          return reply.code(201).send(presentArticle(await getArticleForEditing(deps.db, scope, id)));
        },
      });

      typed.get('/articles/:id', {
        schema: { tags: tags('Bài viết'), summary: 'Một bài viết (bản đang soạn)', params: Type.Object({ id: Uuid }), response: { 200: ArticleView, ...errors } },
        handler: async (request) => presentArticle(await getArticleForEditing(deps.db, scopeOf(request), request.params.id)),
      });

      typed.patch('/articles/:id', {
        schema: { tags: tags('Bài viết'), summary: 'Lưu thay đổi (mỗi lần lưu là một phiên bản)', params: Type.Object({ id: Uuid }), body: ArticleFieldsInput, response: { 200: ArticleView, ...errors } },
        handler: async (request) => {
          const scope = scopeOf(request);
          await saveArticle(deps.db, scope, { articleId: request.params.id, fields: request.body });
          return presentArticle(await getArticleForEditing(deps.db, scope, request.params.id));
        },
      });

      typed.post('/articles/:id/transitions', {
        schema: {
          tags: tags('Bài viết'),
          summary: 'Chuyển trạng thái: gửi duyệt, trả lại, xuất bản (hoặc hẹn giờ), gỡ xuống, lưu trữ',
          params: Type.Object({ id: Uuid }),
          body: Type.Object(
            {
              step: Type.Union([Type.Literal('submit'), Type.Literal('return'), Type.Literal('publish'), Type.Literal('unpublish'), Type.Literal('archive')]),
              comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Bắt buộc khi trả lại' })),
              publishAt: Type.Optional(Type.String({ format: 'date-time', description: 'Hẹn giờ xuất bản (ISO 8601)' })),
              forceReason: Type.Optional(Type.String({ maxLength: 2000, description: 'Lý do khi trưởng ban tự xuất bản bài của mình' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ArticleView, ...errors },
        },
        handler: async (request) => {
          const scope = scopeOf(request);
          const { step, comment, publishAt, forceReason } = request.body;
          await takeStep(deps.db, scope, step, { articleId: request.params.id, comment, publishAt: publishAt ? new Date(publishAt) : null, forceReason });
          return presentArticle(await getArticleForEditing(deps.db, scope, request.params.id));
        },
      });

      typed.get('/articles/:id/revisions', {
        schema: { tags: tags('Bài viết'), summary: 'Các phiên bản, mới nhất trước', params: Type.Object({ id: Uuid }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), authorName: Type.String(), createdAt: Type.String(), title: Type.String() })) }), ...errors } },
        handler: async (request) => ({ items: await listRevisions(deps.db, scopeOf(request), request.params.id) }),
      });

      const CategoryView = Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), slug: Type.String(), path: Type.String(), name: Type.String(), position: Type.Integer(), isOnHome: Type.Boolean() });
      typed.get('/categories', {
        schema: { tags: tags('Chuyên mục'), summary: 'Cây chuyên mục (cha trước con)', response: { 200: Type.Object({ items: Type.Array(CategoryView) }), ...errors } },
        handler: async (request) => ({ items: (await listCategoriesForStaff(deps.db, scopeOf(request))).map(({ id, parentId, slug, path, name, position, isOnHome }) => ({ id, parentId, slug, path, name, position, isOnHome })) }),
      });

      typed.post('/categories', {
        schema: {
          tags: tags('Chuyên mục'),
          summary: 'Thêm chuyên mục (quản trị)',
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.Optional(Type.String({ maxLength: 120 })), parentId: Type.Optional(Type.Union([Uuid, Type.Null()])), description: Type.Optional(Type.String({ maxLength: 2000 })), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })), isOnHome: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          response: { 201: CategoryView, ...errors },
        },
        handler: async (request, reply) => {
          const { id, parentId, slug, path, name, position, isOnHome } = await addCategory(deps.db, scopeOf(request), request.body);
          return reply.code(201).send({ id, parentId, slug, path, name, position, isOnHome });
        },
      });

      typed.post('/media', {
        schema: { tags: tags('Thư viện'), summary: 'Tải một tệp lên (multipart/form-data: alt, caption, rồi file)', consumes: ['multipart/form-data'], response: { 201: MediaView, ...errors } },
        handler: async (request, reply) => {
          if (!request.isMultipart()) throw new InvalidInputError('Hãy gửi multipart/form-data với trường file.', { field: 'file' });
          const fields: Record<string, string> = {};
          let file: { bytes: Buffer; name: string } | undefined;
          try {
            for await (const part of request.parts()) {
              if (part.type === 'field') {
                if (typeof part.value === 'string') fields[part.fieldname] = part.value;
              } else if (!file) {
                file = { bytes: await (part as MultipartFile).toBuffer(), name: (part as MultipartFile).filename ?? '' };
              } else {
                await (part as MultipartFile).toBuffer();
              }
            }
          } catch (error) {
            if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError('Tệp quá lớn.', { field: 'file' });
            throw new InvalidInputError('Biểu mẫu tải lên không hợp lệ hoặc bị gián đoạn.', { field: 'file' });
          }
          if (!file) throw new InvalidInputError('Thiếu trường file.', { field: 'file' });
          const media = await uploadToLibrary(deps.db, deps.mediaDir, scopeOf(request), { bytes: file.bytes, originalName: file.name, alt: fields.alt, caption: fields.caption });
          return reply.code(201).send(presentMedia(media));
        },
      });

      const MemberView = Type.Object({ userId: Type.String(), email: Type.String(), displayName: Type.String(), role: Type.String(), isDisabled: Type.Boolean(), hasTwoFactor: Type.Boolean() });
      typed.get('/members', {
        schema: { tags: tags('Thành viên'), summary: 'Thành viên của trang (quản trị)', response: { 200: Type.Object({ items: Type.Array(MemberView) }), ...errors } },
        handler: async (request) => ({ items: (await listMembers(deps.db, scopeOf(request))).map(({ userId, email, displayName, role, isDisabled, hasTwoFactor }) => ({ userId, email, displayName, role, isDisabled, hasTwoFactor })) }),
      });

      typed.post('/members', {
        schema: {
          tags: tags('Thành viên'),
          summary: 'Thêm người vào trang, hoặc đổi vai trò (quản trị)',
          body: Type.Object({ email: Type.String({ maxLength: 254 }), displayName: Type.String({ minLength: 1, maxLength: 120 }), role: Type.Union([Type.Literal('admin'), Type.Literal('chief_editor'), Type.Literal('editor'), Type.Literal('author')]), password: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: false }),
          response: { 201: Type.Object({ userId: Type.String(), isNew: Type.Boolean() }), ...errors },
        },
        handler: async (request, reply) => reply.code(201).send(await addMember(deps.db, scopeOf(request), request.body)),
      });
    },
    { prefix: ADMIN_API_PREFIX },
  );
}
