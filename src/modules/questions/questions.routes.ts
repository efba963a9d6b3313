/**
 * Routes of the Q&A's public pages. The list and each Q&A go through the page delivery
 * like every page (cached); the form, its POST and the tracking page are rendered per
 * request (deliverUncached): they carry a fresh signed token or show what was typed.
 * The form's POST and the lookups are rate-limited per client address.
 */
import formBody from '@fastify/formbody';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, InvalidInputError, NotFoundError, PayloadTooLargeError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { FORM_RATE_LIMIT, readFormDefences } from '../public-forms/index.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext, RenderedPage } from '../public-site/public-site.service.js';
import type { Site } from '../sites/index.js';
import { MAX_ATTACHMENT_BYTES, removeAttachment, storeAttachment } from './question-attachment.js';
import { ASK_PATH, TRACK_PATH, hasQuestionFilters, renderAskForm, renderQuestionList, renderQuestionPage, renderReceived, renderTracking } from './questions.pages.js';
import { QUESTIONS_PATH } from './questions.search.js';
import { submitQuestion, type PrivateAttachment } from './questions.service.js';

export interface QuestionPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  /** Where attachments are kept (privately); without it the form takes none. */
  mediaDir?: string;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

/** Lookups of tracking codes per client per minute: enough for a person, too few to guess codes. */
export const TRACKING_RATE_LIMIT = { max: 20, timeWindow: 60_000 } as const;

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  topic: Type.Optional(Type.String({ maxLength: 120 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
});

const FIELDS = ['name', 'email', 'phone', 'displayName', 'topicId', 'title', 'body'] as const;

interface SentForm {
  fields: Record<string, unknown>;
  file: { bytes: Buffer; name: string } | null;
}

/** The posted form, urlencoded or multipart (with at most one file). */
async function readForm(request: FastifyRequest): Promise<SentForm> {
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, file: null };
  const fields: Record<string, unknown> = {};
  let file: SentForm['file'] = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 20, fieldSize: 20_000, parts: 22 } })) {
      if (part.type === 'field') {
        // A repeated field is kept as a list: the checks refuse it rather than pick one.
        const value = typeof part.value === 'string' ? part.value : '';
        fields[part.fieldname] = part.fieldname in fields ? [fields[part.fieldname], value] : value;
        continue;
      }
      const upload = part as MultipartFile;
      const bytes = await upload.toBuffer();
      if (!file && bytes.length > 0) file = { bytes, name: upload.filename ?? '' };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError(`Tệp đính kèm quá lớn: tối đa ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, { field: 'attachment' });
    throw new InvalidInputError('Biểu mẫu gửi lên bị gián đoạn hoặc không hợp lệ. Hãy thử lại.', { field: 'attachment' });
  }
  return { fields, file };
}

/** What was typed, to show again after a refusal (text only; never the file). */
function typedValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, typeof fields[name] === 'string' ? (fields[name] as string).slice(0, 6_000) : '']));
}

export function registerQuestionPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: QuestionPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  app.withTypeProvider<TypeBoxTypeProvider>().get(QUESTIONS_PATH, { ...pageRoute, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const isPlainPage = query.page === undefined || /^[1-9]\d{0,4}$/.test(query.page);
    if (hasQuestionFilters(query) || !isPlainPage) {
      const viewer = await viewerOf(request);
      return delivery.deliverUncached(request, reply, (site) => renderQuestionList(contextFor(site, viewer), query));
    }
    const url = query.page === undefined || query.page === '1' ? QUESTIONS_PATH : `${QUESTIONS_PATH}?page=${query.page}`;
    return send(request, reply, url, (ctx) => renderQuestionList(ctx, query));
  });

  app.get(ASK_PATH, pageRoute, async (request, reply) => {
    const viewer = await viewerOf(request);
    return delivery.deliverUncached(request, reply, (site) => renderAskForm(contextFor(site, viewer)));
  });

  app.get<{ Querystring: { ma?: unknown } }>(TRACK_PATH, { ...pageRoute, config: { ...pageRoute.config, rateLimit: TRACKING_RATE_LIMIT } }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const code = typeof request.query.ma === 'string' ? request.query.ma : undefined;
    return delivery.deliverUncached(request, reply, (site) => renderTracking(contextFor(site, viewer), code));
  });

  // The POST needs body parsers the public site does not otherwise have: kept to this plugin.
  void app.register(async (forms) => {
    await forms.register(formBody, { bodyLimit: 64 * 1024 });
    await forms.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
    forms.post(ASK_PATH, { config: { writesSecurityHeaders: true, rateLimit: FORM_RATE_LIMIT } }, async (request, reply) => {
      const sent = await readForm(request);
      return delivery.deliverUncached(request, reply, async (site) => {
        const ctx = contextFor(site, null);
        let attachment: PrivateAttachment | undefined;
        try {
          if (sent.file) {
            if (!deps.mediaDir) throw new InvalidInputError('Trang này chưa nhận tệp đính kèm.', { field: 'attachment' });
            attachment = await storeAttachment({ mediaDir: deps.mediaDir, bytes: sent.file.bytes, name: sent.file.name });
          }
          const result = await submitQuestion(deps.db, { siteId: site.id, actor: null, clientIp: request.ip, now: ctx.now }, { ...sent.fields, defences: readFormDefences(sent.fields), attachment });
          if (result.kind === 'dropped' && attachment && deps.mediaDir) await removeAttachment(deps.mediaDir, attachment.path);
          return renderReceived(ctx, result.kind === 'received' ? result : null);
        } catch (error) {
          if (attachment && deps.mediaDir) await removeAttachment(deps.mediaDir, attachment.path);
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return renderAskForm(ctx, { values: typedValues(sent.fields), error: { message: error.message, help: error.help, field: error.field }, status: error.status });
        }
      });
    });
  });

  app.get<{ Params: { slug: string } }>(`${QUESTIONS_PATH}/:slug`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
    await send(request, reply, `${QUESTIONS_PATH}/${slug}`, (ctx) => renderQuestionPage(ctx, slug));
  });
}
