/**
 * /van-ban and /van-ban/<slug>: the registry's public pages, inside the site's layout.
 * The unfiltered list and each document are cached pages like any other; a filtered list
 * is made of what the reader chose or typed, so it is rendered per request (as search is).
 */
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { echoableText, formatNumber } from '../../platform/i18n/vi.js';
import { inlineMediaIds, listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { expandInlineImages } from '../public-site/public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { formatDocumentDay } from './document-dates.js';
import { COLLECTION_PAGES, type DocumentCollection } from './document-collections.js';
import { DOCUMENT_STATUSES, DOCUMENT_STATUS_LABELS, isDocumentStatus } from './document-status.js';
import { getPublishedDocument, listDocumentFilters, listPublishedDocuments, type PublicDocumentLink, type PublicDocumentSummary } from './legal-documents.public.js';
import { DOCUMENTS_PATH } from './legal-documents.search.js';
import { DocumentListPage, DocumentPage, type DocumentFilterView, type DocumentLinkView, type DocumentListModel } from './views.js';

export const DOCUMENTS_PAGE_SIZE = 20;

/** The list's query string as sent (all text; checked here). */
export interface DocumentListParams {
  q?: string;
  type?: string;
  field?: string;
  issuer?: string;
  year?: string;
  status?: string;
  page?: string;
}

const FILTER_KEYS = ['q', 'type', 'field', 'issuer', 'year', 'status'] as const;

/** True when the list is asked with a filter (rendered per request) rather than plainly (cached). */
export function hasDocumentFilters(params: DocumentListParams): boolean {
  return FILTER_KEYS.some((key) => (params[key] ?? '') !== '');
}

/** The list's URL (/van-ban or a collection's page) with these filters on a page. */
export function documentListUrl(filters: Partial<DocumentFilterView>, page = 1, path = DOCUMENTS_PATH): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) query.set(key, filters[key]!);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** What the list is: the whole registry, or one collection (plans, statistics, budget). */
function listHeading(ctx: PageContext, collection: Exclude<DocumentCollection, 'legal'> | undefined) {
  if (!collection) {
    return { title: 'Văn bản', path: DOCUMENTS_PATH, noun: 'văn bản', description: `Văn bản quy phạm pháp luật, chỉ đạo, điều hành do ${ctx.site.name} ban hành và áp dụng: tra cứu theo số ký hiệu, loại, lĩnh vực, năm và tình trạng hiệu lực.` };
  }
  const page = COLLECTION_PAGES[collection];
  return { title: page.title, path: page.path, noun: page.noun, description: `${page.description} của ${ctx.site.name}: tra cứu theo số ký hiệu, loại, lĩnh vực và năm.` };
}

function linkView(link: PublicDocumentLink): DocumentLinkView {
  return { ...link, statusLabel: DOCUMENT_STATUS_LABELS[link.status] };
}

function rowView(item: PublicDocumentSummary) {
  return {
    number: item.number,
    url: item.url,
    typeName: item.typeName,
    summary: item.summary,
    issuer: item.issuer,
    issuedOn: formatDocumentDay(item.issuedOn),
    issuedOnIso: item.issuedOn ?? '',
    status: item.status,
    statusLabel: item.statusLabel,
  };
}

/** "1,2 MB", "350 KB": sizes as Vietnamese readers write them. */
function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

/**
 * The list: every published document, newest issue first, or those the filters choose
 * (a number query puts its document first). A filter that cannot be used shows the form
 * with the reason and a 400.
 */
export async function renderDocumentList(ctx: PageContext, params: DocumentListParams, collection?: Exclude<DocumentCollection, 'legal'>): Promise<RenderedPage> {
  const heading = listHeading(ctx, collection);
  const [{ frame, latest, media }, choices] = await Promise.all([frameAround(ctx), listDocumentFilters(ctx.db, { siteId: ctx.site.id, now: ctx.now, collection })]);
  const filters: DocumentFilterView = { q: echoableText(params.q), type: params.type ?? '', field: params.field ?? '', issuer: echoableText(params.issuer), year: params.year ?? '', status: params.status ?? '' };
  const model: DocumentListModel = {
    heading: { title: heading.title, path: heading.path },
    filters,
    choices: {
      types: choices.types.map((t) => ({ value: t.slug, label: t.name })),
      fields: choices.fields.map((f) => ({ value: f.slug, label: f.name })),
      issuers: choices.issuers,
      years: choices.years,
      statuses: DOCUMENT_STATUSES.map((s) => ({ value: s, label: DOCUMENT_STATUS_LABELS[s] })),
    },
    rows: [],
    summary: '',
    hasFilters: hasDocumentFilters(params),
  };
  let status = 200;
  try {
    const page = params.page === undefined || params.page === '' ? 1 : /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (Number.isNaN(page)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    const year = filters.year === '' ? undefined : /^\d{4}$/.test(filters.year) ? Number(filters.year) : Number.NaN;
    if (Number.isNaN(year)) throw new InvalidInputError('Năm ban hành không hợp lệ.', { field: 'year' });
    if (filters.status && !isDocumentStatus(filters.status)) throw new InvalidInputError('Tình trạng được chọn không có.', { field: 'status' });
    if (filters.type && !choices.types.some((t) => t.slug === filters.type)) throw new InvalidInputError('Loại văn bản được chọn không có trên trang này.', { field: 'type' });
    if (filters.field && !choices.fields.some((f) => f.slug === filters.field)) throw new InvalidInputError('Lĩnh vực được chọn không có trên trang này.', { field: 'field' });
    const list = await listPublishedDocuments(ctx.db, {
      siteId: ctx.site.id,
      now: ctx.now,
      collection,
      type: filters.type || undefined,
      field: filters.field || undefined,
      issuer: filters.issuer.trim() || undefined,
      year,
      status: isDocumentStatus(filters.status) ? filters.status : undefined,
      query: filters.q.trim() || undefined,
      page,
      pageSize: DOCUMENTS_PAGE_SIZE,
    });
    model.rows = list.items.map(rowView);
    model.summary = list.total === 0 ? (model.hasFilters ? `Không có ${heading.noun} nào khớp với điều kiện đã chọn.` : `Chưa có ${heading.noun} nào.`) : `${formatNumber(list.total)} ${heading.noun}${list.pageCount > 1 ? ` (trang ${formatNumber(list.page)}/${formatNumber(list.pageCount)})` : ''}.`;
    // A plain page past the last is not a page (it would be cached like one); a filtered one says why it is empty.
    if (list.items.length === 0 && page > 1 && !model.hasFilters) throw new NotFoundError();
    if (list.items.length === 0 && list.total > 0) model.summary = `Trang ${formatNumber(page)} không có ${heading.noun} nào: danh sách chỉ có ${formatNumber(list.pageCount)} trang.`;
    model.pagination = { page: list.page, pageCount: list.pageCount, pageUrl: (n) => documentListUrl(filters, n, heading.path) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const layout = layoutModel(ctx, frame, latest, media, {
    title: heading.title,
    description: heading.description,
    path: heading.path,
    canonicalPath: heading.path,
    isNoIndex: model.hasFilters,
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <DocumentListPage model={model} />), status };
}

/**
 * One document: its facts, tình trạng (and what replaces it), files to view (PDF) and
 * download, the documents it replaces and those related to it.
 * @throws NOT_FOUND for a slug that is not a published document of the site.
 */
export async function renderDocumentPage(ctx: PageContext, slug: string, transformBody: (html: string, ownUrl: string) => Promise<string> = async (html) => html): Promise<RenderedPage> {
  const [{ frame, latest, media }, document] = await Promise.all([frameAround(ctx), getPublishedDocument(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now })]);
  const inline = inlineMediaIds(document.bodyHtml);
  const images = inline.length ? await findMediaMap(ctx.db, ctx.site.id, inline) : new Map();
  const section = listHeading(ctx, document.collection === 'legal' ? undefined : document.collection);
  const model = {
    section: { title: section.title, path: section.path },
    url: document.url,
    number: document.number,
    title: document.title,
    summary: document.summary,
    typeName: document.typeName,
    fieldName: document.fieldName,
    fieldUrl: documentListUrl({ field: document.fieldSlug }),
    issuer: document.issuer,
    signer: document.signer,
    issuedOn: formatDocumentDay(document.issuedOn),
    effectiveOn: formatDocumentDay(document.effectiveOn),
    expiresOn: formatDocumentDay(document.expiresOn),
    status: document.status,
    statusLabel: document.statusLabel,
    replacedBy: document.replacedBy && linkView(document.replacedBy),
    replaces: document.replaces.map(linkView),
    related: document.related.map(linkView),
    attachments: document.attachments.map((file) => ({ name: file.name, url: file.url, size: fileSize(file.bytes), isPdf: file.mime === 'application/pdf' })),
    bodyHtml: document.bodyHtml ? await transformBody(expandInlineImages(document.bodyHtml, images), document.url) : '',
  };
  const layout = layoutModel(ctx, frame, latest, media, {
    title: document.title,
    description: document.summary || document.title,
    path: document.url,
    canonicalPath: document.url,
    meta: { type: 'article', jsonLd: [], publishedAt: document.publishedAt, modifiedAt: document.updatedAt, section: document.typeName },
  });
  return { kind: 'page', html: renderDocument(layout, <DocumentPage model={model} />) };
}
