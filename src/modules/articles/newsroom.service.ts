/**
 * The newsroom's use-cases on articles: drafts, saves (each a revision), the workflow
 * steps, revisions and the lists staff work from. Every function takes the request scope,
 * checks the actor against the policy first (default deny), works inside one transaction
 * and writes the audit log there. Another site's article is simply not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent, getSiteLanguages } from '../sites/index.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../platform/i18n/languages.js';
import { scheduleJob } from '../../platform/jobs/jobs.js';
import { ArticleNotFoundError, ArticleSlugTakenError } from './articles.errors.js';
import { canEdit, canTakeStep, canView, isOwnArticle } from './articles.policy.js';
import type { ArticleRow } from './articles.repo.js';
import { createArticle, PUBLISH_DUE_JOB, type GalleryItem } from './articles.service.js';
import { syncArticleSearch } from './articles.search.js';
import { sanitizeBody } from './sanitize-body.js';
import { STATE_LABELS, STEP_LABELS, nextState, workingState, type ArticleState, type WorkflowStep } from './workflow.js';

/** Everything an editor edits; a revision's snapshot is exactly this. */
export interface ArticleFields {
  title: string;
  slug: string;
  lead: string;
  bodyHtml: string;
  byline: string;
  categoryId: string;
  extraCategoryIds: string[];
  tags: string[];
  coverMediaId: string | null;
  galleryTitle: string;
  gallery: GalleryItem[];
  isFeatured: boolean;
  /** ISO time; the date shown as "Ngày đăng", and the schedule when in the future. Null: at publication. */
  publishedAt: string | null;
  seoDescription: string;
}

/** What a form or the API sends: anything may be missing or wrong. */
export type ArticleFieldsInput = Partial<Omit<ArticleFields, 'publishedAt'>> & { publishedAt?: string | Date | null };

const LIMITS = { title: 300, lead: 2_000, byline: 200, seoDescription: 300, galleryTitle: 300, caption: 500, tags: 20, tag: 60, extraCategories: 10, gallery: 100, body: 1_000_000 } as const;

export class InvalidTransitionError extends AppError {
  constructor(step: WorkflowStep, state: ArticleState) {
    super('INVALID_TRANSITION', `Không thể ${STEP_LABELS[step]} bài viết đang ở trạng thái "${STATE_LABELS[state]}".`, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}

export class ArticleNotReadyError extends AppError {
  constructor(readonly missing: string[]) {
    super('INVALID_INPUT', `Bài viết chưa đủ để xuất bản: ${missing.join('; ')}.`, { help: 'Hãy bổ sung các mục trên rồi xuất bản lại.' });
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function cleanLine(value: unknown, field: string, max: number, label: string): string {
  const text = toNfc(String(value ?? '').replace(CONTROL, '').replace(/\s+/g, ' ').trim());
  if (text.length > max) throw new InvalidInputError(`${label} không được dài quá ${max} ký tự.`, { field });
  return text;
}

function cleanText(value: unknown, field: string, max: number, label: string): string {
  const text = toNfc(String(value ?? '').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim());
  if (text.length > max) throw new InvalidInputError(`${label} không được dài quá ${max} ký tự.`, { field });
  return text;
}

/** Checks and normalises the fields against the site (categories and media must be its own). */
async function checkFields(db: Kysely<Database>, siteId: string, input: ArticleFieldsInput, base?: ArticleFields): Promise<ArticleFields> {
  const merged = { ...base, ...input } as ArticleFieldsInput;
  const title = cleanLine(merged.title, 'title', LIMITS.title, 'Tiêu đề');
  if (!title) throw new InvalidInputError('Tiêu đề bài viết không được để trống.', { field: 'title' });
  // A slug left empty keeps the one the article has (a live URL does not move by accident).
  const rawSlug = String(input.slug ?? '').trim().toLowerCase();
  const slug = rawSlug || base?.slug || slugify(title) || 'bai-viet';
  if (!SLUG_PATTERN.test(slug) || slug.length > 120) {
    throw new InvalidInputError('Địa chỉ bài viết chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ hoi-nghi-tong-ket-2024).', { field: 'slug' });
  }
  const body = String(merged.bodyHtml ?? '');
  if (body.length > LIMITS.body) throw new InvalidInputError('Nội dung bài viết quá dài (tối đa khoảng 1 triệu ký tự).', { field: 'bodyHtml' });
  const categoryId = String(merged.categoryId ?? '');
  const extraCategoryIds = [...new Set((merged.extraCategoryIds ?? []).map(String))].filter((id) => id && id !== categoryId);
  if (extraCategoryIds.length > LIMITS.extraCategories) throw new InvalidInputError(`Một bài viết thuộc tối đa ${LIMITS.extraCategories} chuyên mục phụ.`, { field: 'extraCategoryIds' });
  const categoryIds = [categoryId, ...extraCategoryIds];
  const found = await db.selectFrom('categories').select('id').where('site_id', '=', siteId).where('id', 'in', categoryIds).execute();
  if (!categoryId || !found.some((c) => c.id === categoryId)) throw new InvalidInputError('Hãy chọn chuyên mục cho bài viết.', { field: 'categoryId' });
  if (found.length !== categoryIds.length) throw new InvalidInputError('Có chuyên mục phụ không thuộc trang này.', { field: 'extraCategoryIds' });

  const tags = [...new Map((merged.tags ?? []).map((t) => cleanLine(t, 'tags', LIMITS.tag, 'Mỗi từ khoá')).filter(Boolean).map((name) => [slugify(name), name] as const)).entries()]
    .filter(([tagSlug]) => tagSlug)
    .map(([, name]) => name);
  if (tags.length > LIMITS.tags) throw new InvalidInputError(`Tối đa ${LIMITS.tags} từ khoá cho một bài viết.`, { field: 'tags' });

  const requestedGallery = (merged.gallery ?? []).map((item) => ({ mediaId: String(item.mediaId), caption: cleanLine(item.caption, 'gallery', LIMITS.caption, 'Chú thích ảnh') }));
  if (requestedGallery.length > LIMITS.gallery) throw new InvalidInputError(`Tối đa ${LIMITS.gallery} ảnh trong thư viện ảnh của bài.`, { field: 'gallery' });
  const requestedCover = merged.coverMediaId ? String(merged.coverMediaId) : null;
  const sanitized = sanitizeBody(body);
  // Only this site's pictures count: an id of another site's file, of a document, or of a
  // file deleted from the library since (the article must stay savable) is dropped.
  const mediaIds = [...new Set([...(requestedCover ? [requestedCover] : []), ...requestedGallery.map((g) => g.mediaId), ...inlineImages(sanitized).map((i) => i.mediaId)])].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const images = new Set(mediaIds.length ? (await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').where('id', 'in', mediaIds).execute()).map((m) => m.id) : []);
  const coverMediaId = requestedCover && images.has(requestedCover) ? requestedCover : null;
  if (requestedCover && !coverMediaId && input.coverMediaId !== undefined) throw new InvalidInputError('Ảnh đại diện phải là một ảnh trong thư viện của trang.', { field: 'coverMediaId' });
  const gallery = requestedGallery.filter((g) => images.has(g.mediaId));
  const bodyHtml = inlineImages(sanitized).every((image) => images.has(image.mediaId)) ? sanitized : sanitizeBody(dropImages(sanitized, images));
  const publishedAt = parseTime(merged.publishedAt);
  return {
    title,
    slug,
    lead: cleanText(merged.lead, 'lead', LIMITS.lead, 'Sapo (tóm tắt)'),
    bodyHtml,
    byline: cleanLine(merged.byline, 'byline', LIMITS.byline, 'Tác giả (dòng "Tin và ảnh")'),
    categoryId,
    extraCategoryIds,
    tags,
    coverMediaId,
    galleryTitle: cleanLine(merged.galleryTitle, 'galleryTitle', LIMITS.galleryTitle, 'Tiêu đề thư viện ảnh'),
    gallery,
    isFeatured: Boolean(merged.isFeatured),
    publishedAt,
    seoDescription: cleanLine(merged.seoDescription, 'seoDescription', LIMITS.seoDescription, 'Mô tả cho công cụ tìm kiếm'),
  };
}

/** The body without the <img> (and its figure) of pictures not in `keep`. */
function dropImages(html: string, keep: Set<string>): string {
  return html.replace(/<figure>(?:(?!<\/figure>)[\s\S])*?<img\b[^>]*\sdata-media-id="([^"]*)"[^>]*>(?:(?!<\/figure>)[\s\S])*<\/figure>|<img\b[^>]*\sdata-media-id="([^"]*)"[^>]*>/g, (whole, inFigure: string | undefined, bare: string | undefined) => (keep.has(inFigure ?? bare ?? '') ? whole : ''));
}

/** The inline images of a sanitised body, with their alt text (sanitize-html writes attributes double-quoted). */
export function inlineImages(html: string): { mediaId: string; alt: string }[] {
  return [...html.matchAll(/<img\b[^>]*>/g)].map(([tag]) => ({
    mediaId: /\sdata-media-id="([^"]*)"/.exec(tag)?.[1] ?? '',
    alt: /\salt="([^"]*)"/.exec(tag)?.[1] ?? '',
  }));
}

function parseTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 || date.getUTCFullYear() > 2200) {
    throw new InvalidInputError('Ngày đăng không hợp lệ.', { field: 'publishedAt' });
  }
  return date.toISOString();
}

/** What is missing before an article may be published (empty when it is ready). */
export async function missingForPublication(db: Kysely<Database>, siteId: string, fields: ArticleFields): Promise<string[]> {
  const missing: string[] = [];
  if (!fields.title) missing.push('tiêu đề');
  if (!fields.lead) missing.push('sapo (tóm tắt)');
  if (!fields.categoryId) missing.push('chuyên mục');
  const inline = inlineImages(fields.bodyHtml);
  const withoutAlt = inline.filter((image) => !image.alt.trim()).length;
  const libraryIds = [...new Set([...(fields.coverMediaId ? [fields.coverMediaId] : []), ...fields.gallery.map((g) => g.mediaId)])];
  const library = libraryIds.length ? await db.selectFrom('media').select(['id', 'alt']).where('site_id', '=', siteId).where('id', 'in', libraryIds).execute() : [];
  const galleryWithoutText = fields.gallery.filter((g) => !g.caption.trim() && !library.find((m) => m.id === g.mediaId)?.alt.trim()).length;
  const coverWithoutAlt = fields.coverMediaId && !library.find((m) => m.id === fields.coverMediaId)?.alt.trim() ? 1 : 0;
  const count = withoutAlt + galleryWithoutText + coverWithoutAlt;
  if (count > 0) missing.push(`mô tả (alt) cho ${count} ảnh`);
  return missing;
}

function rowToFields(row: ArticleRow, extras: { extraCategoryIds: string[]; tags: string[]; gallery: GalleryItem[] }): ArticleFields {
  return {
    title: row.title,
    slug: row.slug,
    lead: row.lead,
    bodyHtml: row.body_html,
    byline: row.byline,
    categoryId: row.category_id,
    extraCategoryIds: extras.extraCategoryIds,
    tags: extras.tags,
    coverMediaId: row.cover_media_id,
    galleryTitle: row.gallery_title,
    gallery: extras.gallery,
    isFeatured: row.is_featured === 1,
    publishedAt: row.published_at,
    seoDescription: row.seo_description,
  };
}

async function lockArticle(trx: Kysely<Database>, scope: RequestScope, articleId: string): Promise<ArticleRow> {
  let query = trx.selectFrom('articles').selectAll().where('id', '=', articleId).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ArticleNotFoundError();
  return row;
}

async function publicFields(db: Kysely<Database>, row: ArticleRow): Promise<ArticleFields> {
  const [categories, tags, gallery] = await Promise.all([
    db.selectFrom('article_categories').select('category_id').where('article_id', '=', row.id).execute(),
    db.selectFrom('article_tags').select('name').where('article_id', '=', row.id).orderBy('name').execute(),
    db.selectFrom('article_gallery').select(['media_id', 'caption']).where('article_id', '=', row.id).orderBy('position').execute(),
  ]);
  return rowToFields(row, { extraCategoryIds: categories.map((c) => c.category_id), tags: tags.map((t) => t.name), gallery: gallery.map((g) => ({ mediaId: g.media_id, caption: g.caption })) });
}

async function revisionFields(db: Kysely<Database>, revisionId: string): Promise<ArticleFields> {
  const revision = await db.selectFrom('article_revisions').select('snapshot').where('id', '=', revisionId).executeTakeFirstOrThrow();
  return JSON.parse(revision.snapshot) as ArticleFields;
}

/** The fields an editor works on: the working copy of a published article, else the article. */
async function workingFields(db: Kysely<Database>, row: ArticleRow): Promise<ArticleFields> {
  return row.status === 'published' && row.pending_revision_id ? revisionFields(db, row.pending_revision_id) : publicFields(db, row);
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, articleId: string, fields: ArticleFields): Promise<string> {
  const last = await trx.selectFrom('article_revisions').select((eb) => eb.fn.max('number').as('n')).where('article_id', '=', articleId).executeTakeFirst();
  const id = crypto.randomUUID();
  await trx
    .insertInto('article_revisions')
    .values({ id, article_id: articleId, number: Number(last?.n ?? 0) + 1, author_id: scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null, snapshot: JSON.stringify(fields), created_at: scope.now.toISOString() })
    .execute();
  return id;
}

/** Writes fields into the article row and its tag, category and gallery rows. */
async function writePublicFields(trx: Kysely<Database>, scope: RequestScope, row: ArticleRow, fields: ArticleFields): Promise<void> {
  if (fields.slug !== row.slug) {
    const taken = await trx.selectFrom('articles').select('id').where('site_id', '=', scope.siteId).where('slug', '=', fields.slug).where('id', '!=', row.id).executeTakeFirst();
    if (taken) throw new ArticleSlugTakenError(fields.slug);
  }
  await trx
    .updateTable('articles')
    .set({
      title: fields.title,
      slug: fields.slug,
      lead: fields.lead,
      body_html: fields.bodyHtml,
      byline: fields.byline,
      category_id: fields.categoryId,
      cover_media_id: fields.coverMediaId,
      gallery_title: fields.galleryTitle,
      is_featured: fields.isFeatured ? 1 : 0,
      published_at: fields.publishedAt,
      seo_description: fields.seoDescription,
      updated_at: scope.now.toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
  await trx.deleteFrom('article_categories').where('article_id', '=', row.id).execute();
  if (fields.extraCategoryIds.length) await trx.insertInto('article_categories').values(fields.extraCategoryIds.map((id) => ({ article_id: row.id, category_id: id }))).execute();
  await trx.deleteFrom('article_tags').where('article_id', '=', row.id).execute();
  if (fields.tags.length) await trx.insertInto('article_tags').values(fields.tags.map((name) => ({ article_id: row.id, slug: slugify(name), name }))).execute();
  await trx.deleteFrom('article_gallery').where('article_id', '=', row.id).execute();
  if (fields.gallery.length) await trx.insertInto('article_gallery').values(fields.gallery.map((g, position) => ({ article_id: row.id, media_id: g.mediaId, position, caption: g.caption }))).execute();
}

/** A renamed live article keeps its old URL answering 301 (the category path is looked up by the caller's redirect reader). */
async function keepOldUrl(trx: Kysely<Database>, scope: RequestScope, row: ArticleRow, fields: ArticleFields): Promise<void> {
  if (fields.slug === row.slug) return;
  const category = await trx.selectFrom('categories').select('path').where('id', '=', row.category_id).executeTakeFirst();
  const newCategory = await trx.selectFrom('categories').select('path').where('id', '=', fields.categoryId).executeTakeFirst();
  if (!category || !newCategory) return;
  await recordMove(trx, { siteId: scope.siteId, fromPath: `${category.path}/${row.slug}`, toPath: `${newCategory.path}/${fields.slug}` }, scope.now);
}

/**
 * A language the site's pages are in ('vi' when none is given).
 * @throws INVALID_INPUT for an unknown language or one the site has not turned on.
 */
async function checkLanguage(db: Kysely<Database>, siteId: string, raw: string | undefined): Promise<Language> {
  const language = raw === undefined || raw === '' ? DEFAULT_LANGUAGE : raw;
  if (!isLanguage(language) || !(await getSiteLanguages(db, siteId)).includes(language)) {
    throw new InvalidInputError('Trang chưa bật ngôn ngữ này.', { field: 'language', help: 'Quản trị viên bật tiếng Anh ở mục Cài đặt trang.' });
  }
  return language;
}

/**
 * Starts the English version of a Vietnamese article: a draft of the actor's, in the same
 * category, linked to the original (translation_of) and holding its text to translate over.
 * When the article already has an English version, that one is returned instead: an
 * article has at most one translation per language.
 * @throws FORBIDDEN without article.create; NOT_FOUND for an article the actor cannot see;
 *   INVALID_INPUT when the site has no English pages or the article is not Vietnamese.
 */
export async function createTranslation(db: Kysely<Database>, scope: RequestScope, input: { articleId: string; language?: Language }): Promise<{ id: string; isNew: boolean }> {
  requirePermission(scope.actor, 'article.create');
  const language = input.language ?? 'en';
  const original = await db.selectFrom('articles').selectAll().where('id', '=', input.articleId).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!original || !canView(scope.actor, { postedBy: original.posted_by, status: original.status, pendingStatus: original.pending_status })) throw new ArticleNotFoundError();
  if (original.language !== DEFAULT_LANGUAGE || language === DEFAULT_LANGUAGE) throw new InvalidInputError('Chỉ viết được bản dịch cho bài tiếng Việt.', { field: 'language' });
  const existing = await db.selectFrom('articles').select('id').where('site_id', '=', scope.siteId).where('translation_of', '=', original.id).where('language', '=', language).orderBy('created_at').executeTakeFirst();
  if (existing) return { id: existing.id, isNew: false };
  const fields = await workingFields(db, original);
  const created = await createDraft(db, scope, {
    title: fields.title,
    slug: `${fields.slug.slice(0, 116)}-${language}`,
    lead: fields.lead,
    bodyHtml: fields.bodyHtml,
    byline: fields.byline,
    categoryId: fields.categoryId,
    extraCategoryIds: fields.extraCategoryIds,
    coverMediaId: fields.coverMediaId,
    galleryTitle: fields.galleryTitle,
    gallery: fields.gallery,
    language,
    translationOf: original.id,
  });
  return { id: created.id, isNew: true };
}

/**
 * Starts a draft owned by the actor; the first revision is written with it.
 * @throws FORBIDDEN without article.create; INVALID_INPUT for bad fields; CONFLICT for a taken slug.
 */
export async function createDraft(db: Kysely<Database>, scope: RequestScope, input: ArticleFieldsInput & { language?: string; translationOf?: string }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'article.create');
  const actor = scope.actor;
  const language = await checkLanguage(db, scope.siteId, input.language);
  const fields = await checkFields(db, scope.siteId, { ...input, slug: input.slug || undefined });
  return inTransaction(db, async (trx) => {
    const created = await createArticle(trx, {
      siteId: scope.siteId,
      categoryId: fields.categoryId,
      title: fields.title,
      slug: input.slug ? fields.slug : undefined,
      lead: fields.lead,
      bodyHtml: fields.bodyHtml,
      byline: fields.byline,
      galleryTitle: fields.galleryTitle,
      gallery: fields.gallery,
      coverMediaId: fields.coverMediaId,
      postedBy: actor.via === 'cli' ? null : actor.id,
      status: 'draft',
      isFeatured: fields.isFeatured,
      publishedAt: fields.publishedAt ? new Date(fields.publishedAt) : null,
      language,
      translationOf: input.translationOf ?? null,
    }, scope.now);
    const row = await lockArticle(trx, scope, created.id);
    const saved = { ...fields, slug: created.slug };
    await writePublicFields(trx, scope, row, saved);
    await addRevision(trx, scope, created.id, saved);
    const detail = { title: fields.title, ...(language !== DEFAULT_LANGUAGE ? { language } : {}), ...(input.translationOf ? { translationOf: input.translationOf } : {}) };
    await recordAudit(trx, scope, { action: input.translationOf ? 'article.translation_created' : 'article.created', targetType: 'article', targetId: created.id, detail });
    return created;
  });
}

/**
 * Saves an edit as a new revision. A draft (or returned, or unpublished) article is
 * changed in place; a published one keeps its public version and gets a working copy,
 * which goes through approval before it replaces what readers see.
 * @throws NOT_FOUND; FORBIDDEN when the actor may not edit it (another's draft, a submitted one for an author, archived).
 */
export async function saveArticle(db: Kysely<Database>, scope: RequestScope, input: { articleId: string; fields: ArticleFieldsInput; isAutosave?: boolean; language?: string }): Promise<{ revisionId: string }> {
  requirePermission(scope.actor, 'staff.enter');
  const language = input.language === undefined ? undefined : await checkLanguage(db, scope.siteId, input.language);
  return inTransaction(db, async (trx) => {
    const row = await lockArticle(trx, scope, input.articleId);
    const article = { postedBy: row.posted_by, status: row.status, pendingStatus: row.pending_status };
    if (!canView(scope.actor, article)) throw new ArticleNotFoundError();
    if (!canEdit(scope.actor, article)) throw new ForbiddenError('Bạn không được sửa bài viết này ở trạng thái hiện tại.');
    const fields = await checkFields(trx, scope.siteId, input.fields, await workingFields(trx, row));
    if (language !== undefined && language !== row.language) {
      // The language decides the URL (/en/…): a live article keeps its own, as it keeps its address.
      if (row.status === 'published') throw new InvalidInputError('Không thể đổi ngôn ngữ của bài đã xuất bản.', { field: 'language', help: 'Hãy gỡ bài xuống trước, hoặc viết một bài mới bằng ngôn ngữ kia.' });
      await trx.updateTable('articles').set({ language }).where('id', '=', row.id).execute();
    }
    const revisionId = await addRevision(trx, scope, row.id, fields);
    if (row.status === 'published') {
      await trx.updateTable('articles').set({ pending_revision_id: revisionId, pending_status: row.pending_status ?? 'draft', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    } else {
      await writePublicFields(trx, scope, row, fields);
    }
    if (!input.isAutosave) await recordAudit(trx, scope, { action: 'article.saved', targetType: 'article', targetId: row.id, detail: { title: fields.title } });
    return { revisionId };
  });
}

export interface StepInput {
  articleId: string;
  /** Required to return an article. */
  comment?: string;
  /** A future time schedules the publication (articles not yet live only). */
  publishAt?: Date | null;
  /** Publishing one's own article alone: the written reason the audit log keeps. */
  forceReason?: string;
}

/**
 * One workflow step. Roles are checked first (403), then the state (409), then readiness.
 * @throws FORBIDDEN; INVALID_TRANSITION (409); INVALID_INPUT (missing comment, not ready to publish).
 */
export async function takeStep(db: Kysely<Database>, scope: RequestScope, step: WorkflowStep, input: StepInput): Promise<{ state: ArticleState }> {
  requirePermission(scope.actor, 'staff.enter');
  const actor = scope.actor;
  const run = async (trx: Kysely<Database>) => {
    const row = await lockArticle(trx, scope, input.articleId);
    const article = { postedBy: row.posted_by, status: row.status, pendingStatus: row.pending_status };
    if (!canView(actor, article)) throw new ArticleNotFoundError();
    if (!canTakeStep(actor, step, article)) throw new ForbiddenError(`Vai trò của bạn không được ${STEP_LABELS[step]} bài viết này.`);
    const to = nextState(step, article);
    if (!to) throw new InvalidTransitionError(step, workingState(article));
    const detail: Record<string, unknown> = { title: row.title, from: workingState(article), to };
    const now = scope.now.toISOString();
    const hasWorkingCopy = row.status === 'published' && row.pending_revision_id !== null;

    if (step === 'return') {
      const comment = cleanText(input.comment, 'comment', 2_000, 'Lời nhắn');
      if (!comment) throw new InvalidInputError('Hãy ghi lý do trả lại để người viết biết cần sửa gì.', { field: 'comment' });
      detail.comment = comment;
      await trx.updateTable('articles').set(hasWorkingCopy ? { pending_status: 'returned', review_comment: comment, updated_at: now } : { status: 'returned', review_comment: comment, updated_at: now }).where('id', '=', row.id).execute();
    } else if (step === 'submit') {
      await trx.updateTable('articles').set(hasWorkingCopy ? { pending_status: 'submitted', updated_at: now } : { status: 'submitted', updated_at: now }).where('id', '=', row.id).execute();
    } else if (step === 'publish') {
      const fields = await workingFields(trx, row);
      const missing = await missingForPublication(trx, scope.siteId, fields);
      if (missing.length) throw new ArticleNotReadyError(missing);
      let needsSecondLook = 0;
      if (isOwnArticle(actor, article)) {
        const reason = cleanText(input.forceReason, 'forceReason', 2_000, 'Lý do');
        if (reason.length < 10) throw new ForbiddenError('Bài của chính bạn cần một người khác duyệt.', 'Nhờ một trưởng ban biên tập khác xuất bản, hoặc xuất bản ngay với lý do ghi rõ (ít nhất 10 ký tự): bài sẽ được đánh dấu để xem lại sau.');
        detail.forced = true;
        detail.reason = reason;
        needsSecondLook = 1;
      }
      // The chosen time (the step's, else the "Ngày đăng" field): in the future it is a schedule.
      const chosen = input.publishAt ?? (fields.publishedAt ? new Date(fields.publishedAt) : null);
      const isScheduling = !hasWorkingCopy && chosen !== null && chosen.getTime() > scope.now.getTime();
      const publishedAt = hasWorkingCopy ? (row.published_at ?? now) : chosen ? chosen.toISOString() : now;
      if (isScheduling) detail.scheduledFor = publishedAt;
      await changeSiteContent(trx, scope.siteId, async () => {
        if (hasWorkingCopy) await keepOldUrl(trx, scope, row, fields);
        await writePublicFields(trx, scope, row, { ...fields, publishedAt });
        await trx.updateTable('articles').set({ status: 'published', pending_revision_id: null, pending_status: null, review_comment: '', needs_second_look: needsSecondLook, updated_at: now }).where('id', '=', row.id).execute();
        if (isScheduling) await scheduleJob(trx, { name: PUBLISH_DUE_JOB, key: `article-publish:${row.id}`, runAt: new Date(publishedAt), payload: { siteId: scope.siteId } }, scope.now);
        await syncArticleSearch(trx, { siteId: scope.siteId, articleId: row.id });
      });
    } else {
      await changeSiteContent(trx, scope.siteId, async () => {
        await trx.updateTable('articles').set({ status: to, updated_at: now }).where('id', '=', row.id).execute();
        await syncArticleSearch(trx, { siteId: scope.siteId, articleId: row.id });
      });
    }
    await recordAudit(trx, scope, { action: detail.forced ? 'article.force_published' : `article.${to}`, targetType: 'article', targetId: row.id, detail });
    return { state: to };
  };
  return inTransaction(db, run);
}

/** A second chief editor has looked at a forced publication. */
export async function confirmSecondLook(db: Kysely<Database>, scope: RequestScope, input: { articleId: string }): Promise<void> {
  requirePermission(scope.actor, 'article.publish');
  const actor = scope.actor;
  await inTransaction(db, async (trx) => {
    const row = await lockArticle(trx, scope, input.articleId);
    if (row.needs_second_look !== 1) throw new AppError('INVALID_TRANSITION', 'Bài viết này không chờ xem lại.');
    if (row.posted_by === actor.id) throw new ForbiddenError('Người xem lại phải là một người khác với người viết.');
    await trx.updateTable('articles').set({ needs_second_look: 0 }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'article.second_look_done', targetType: 'article', targetId: row.id, detail: { title: row.title } });
  });
}

export interface ArticleForEditing {
  id: string;
  fields: ArticleFields;
  status: ArticleState;
  /** The state of the edit in progress (the working copy's for a published article). */
  workingState: ArticleState;
  hasWorkingCopy: boolean;
  reviewComment: string;
  postedBy: string | null;
  postedByName: string;
  needsSecondLook: boolean;
  isLive: boolean;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; submit: boolean; return: boolean; publish: boolean; unpublish: boolean; archive: boolean; restore: boolean; translate: boolean };
  missing: string[];
  /** The language it is written in. */
  language: Language;
  /** The languages the site's pages are in (what the editor's language choice offers). */
  siteLanguages: Language[];
  /** The article this one translates, or null. */
  translationOf: string | null;
  /** The articles linked to this one as translations (its original, its other versions). */
  translations: { id: string; title: string; language: Language; status: ArticleState }[];
}

/** @throws NOT_FOUND for another site's article, or another's article for an author. */
export async function getArticleForEditing(db: Kysely<Database>, scope: RequestScope, articleId: string): Promise<ArticleForEditing> {
  requirePermission(scope.actor, 'staff.enter');
  const row = await db.selectFrom('articles').leftJoin('users', 'users.id', 'articles.posted_by').selectAll('articles').select('users.display_name as posted_by_name').where('articles.id', '=', articleId).where('articles.site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new ArticleNotFoundError();
  const article = { postedBy: row.posted_by, status: row.status, pendingStatus: row.pending_status };
  if (!canView(scope.actor, article)) throw new ArticleNotFoundError();
  const fields = await workingFields(db, row);
  const allowed = (step: WorkflowStep) => canTakeStep(scope.actor, step, article) && nextState(step, article) !== undefined;
  const language = isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE;
  const [siteLanguages, linked] = await Promise.all([
    getSiteLanguages(db, scope.siteId),
    db
      .selectFrom('articles')
      .select(['id', 'title', 'language', 'status'])
      .where('site_id', '=', scope.siteId)
      .where('id', '!=', row.id)
      .where((eb) => eb.or([eb('translation_of', '=', row.id), ...(row.translation_of ? [eb('id', '=', row.translation_of), eb('translation_of', '=', row.translation_of)] : [])]))
      .orderBy('created_at')
      .execute(),
  ]);
  const translations = linked.map((t) => ({ id: t.id, title: t.title, language: isLanguage(t.language) ? t.language : DEFAULT_LANGUAGE, status: t.status as ArticleState }));
  const canTranslate = hasPermission(scope.actor, 'article.create') && language === DEFAULT_LANGUAGE && siteLanguages.includes('en') && !translations.some((t) => t.language === 'en');
  return {
    id: row.id,
    fields,
    status: row.status as ArticleState,
    workingState: workingState(article),
    hasWorkingCopy: row.status === 'published' && row.pending_revision_id !== null,
    reviewComment: row.review_comment,
    postedBy: row.posted_by,
    postedByName: row.posted_by_name ?? '',
    needsSecondLook: row.needs_second_look === 1,
    isLive: row.status === 'published' && (row.published_at ?? '') <= scope.now.toISOString(),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: canEdit(scope.actor, article), submit: allowed('submit'), return: allowed('return'), publish: allowed('publish'), unpublish: allowed('unpublish'), archive: allowed('archive'), restore: canEdit(scope.actor, article), translate: canTranslate },
    missing: await missingForPublication(db, scope.siteId, fields),
    language,
    siteLanguages,
    translationOf: row.translation_of,
    translations,
  };
}

export type StaffListView = 'all' | 'mine' | 'waiting' | 'returned' | 'second_look';

export interface StaffArticleItem {
  id: string;
  title: string;
  status: ArticleState;
  workingState: ArticleState;
  hasWorkingCopy: boolean;
  postedByName: string;
  categoryId: string;
  publishedAt: string | null;
  updatedAt: string;
  reviewComment: string;
  needsSecondLook: boolean;
  language: Language;
}

/** The staff's article lists; an author only ever sees their own. */
export async function listArticlesForStaff(db: Kysely<Database>, scope: RequestScope, input: { view: StaffListView; state?: ArticleState; query?: string; page: number; pageSize: number }): Promise<{ items: StaffArticleItem[]; total: number }> {
  requirePermission(scope.actor, 'staff.enter');
  const actor = scope.actor;
  let query = db.selectFrom('articles').leftJoin('users', 'users.id', 'articles.posted_by').where('articles.site_id', '=', scope.siteId);
  if (!hasPermission(actor, 'article.edit_any') || input.view === 'mine' || input.view === 'returned') query = query.where('articles.posted_by', '=', actor.id);
  if (input.view === 'waiting') query = query.where((eb) => eb.or([eb('articles.status', '=', 'submitted'), eb('articles.pending_status', '=', 'submitted')]));
  if (input.view === 'returned') query = query.where((eb) => eb.or([eb('articles.status', '=', 'returned'), eb('articles.pending_status', '=', 'returned')]));
  if (input.view === 'second_look') query = query.where('articles.needs_second_look', '=', 1);
  if (input.state) query = query.where((eb) => eb.or([eb('articles.status', '=', input.state!), eb('articles.pending_status', '=', input.state!)]));
  const text = (input.query ?? '').trim().slice(0, 200);
  if (text) query = query.where('articles.title', 'like', `%${text.replace(/[%_\\]/g, '')}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['articles.id', 'articles.title', 'articles.status', 'articles.pending_status', 'articles.pending_revision_id', 'articles.category_id', 'articles.published_at', 'articles.updated_at', 'articles.review_comment', 'articles.needs_second_look', 'articles.language', 'users.display_name as posted_by_name'])
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return {
    total: Number(total),
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status as ArticleState,
      workingState: workingState({ status: row.status, pendingStatus: row.pending_status }),
      hasWorkingCopy: row.status === 'published' && row.pending_revision_id !== null,
      postedByName: row.posted_by_name ?? '',
      categoryId: row.category_id,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      reviewComment: row.review_comment,
      needsSecondLook: row.needs_second_look === 1,
      language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    })),
  };
}

export interface RevisionSummary {
  id: string;
  number: number;
  authorName: string;
  createdAt: string;
  title: string;
}

export async function listRevisions(db: Kysely<Database>, scope: RequestScope, articleId: string): Promise<RevisionSummary[]> {
  await getArticleForEditing(db, scope, articleId);
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.author_id')
    .select(['article_revisions.id', 'article_revisions.number', 'article_revisions.created_at', 'article_revisions.snapshot', 'users.display_name'])
    .where('article_revisions.article_id', '=', articleId)
    .orderBy('article_revisions.number', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, authorName: row.display_name ?? 'Hệ thống', createdAt: row.created_at, title: (JSON.parse(row.snapshot) as ArticleFields).title }));
}

export async function getRevision(db: Kysely<Database>, scope: RequestScope, input: { articleId: string; revisionId: string }): Promise<{ number: number; fields: ArticleFields; createdAt: string }> {
  await getArticleForEditing(db, scope, input.articleId);
  const row = await db.selectFrom('article_revisions').selectAll().where('id', '=', input.revisionId).where('article_id', '=', input.articleId).executeTakeFirst();
  if (!row) throw new ArticleNotFoundError();
  return { number: row.number, fields: JSON.parse(row.snapshot) as ArticleFields, createdAt: row.created_at };
}

/** Makes an older revision the working copy again (as a new revision: history is never rewritten). */
export async function restoreRevision(db: Kysely<Database>, scope: RequestScope, input: { articleId: string; revisionId: string }): Promise<{ revisionId: string }> {
  const revision = await getRevision(db, scope, input);
  const result = await saveArticle(db, scope, { articleId: input.articleId, fields: revision.fields });
  await recordAudit(db, scope, { action: 'article.revision_restored', targetType: 'article', targetId: input.articleId, detail: { number: revision.number } });
  return result;
}
