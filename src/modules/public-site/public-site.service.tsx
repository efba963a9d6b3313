/**
 * Renders the public pages of a site. Each page loads what it shows in a fixed number of
 * queries whatever the amount of content (menus, blocks and media are fetched in batches),
 * and returns HTML with slots for the per-request counters.
 */
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Database } from '../../platform/db/database.js';
import { slotMarker } from '../../platform/cache/page-cache.js';
import type { RenderedPage as DeliveredPage } from '../../platform/http/page-delivery.js';
import { formatDate, formatNumber, slugify } from '../../platform/i18n/vi.js';
import { NotFoundError } from '../../platform/errors.js';
import { findPublishedTranslationOf, getPublishedArticle, inlineMediaIds, listLatestArticles, listLatestPerGroup, listOtherArticles, listPublicationMonths, listPublishedInCategories, listPublishedInMonth, listPublishedWithTag, listRelatedArticles, type Article, type ArticleSummary } from '../articles/index.js';
import { loadCategoryTree, type Category, type CategoryTree } from '../categories/index.js';
import { findMediaMap, presentImage, type Media } from '../media/index.js';
import { loadMenu, loadSidebarBlocks, loadVisibleBanners, type Banner, type MenuItem, type SidebarBlock } from '../navigation/index.js';
import { DEFAULT_LANGUAGE, languageHome, languagePrefix, type Language } from '../../platform/i18n/languages.js';
import { uiStrings } from './ui-strings.js';
import { findRedirect } from '../redirects/index.js';
import type { Site } from '../sites/index.js';
import type { Assets, BannerView, LayoutModel, PageMeta, SidebarBlockView } from './public-site.models.js';
import { articleUrl, breadcrumbFor, categoryName, categoryUrl, expandInlineImages, presentCard } from './public-site.present.js';
import { Layout } from './views/layout.js';
import { categoryFeedPath, FEED_PATH, feedPath } from './machine-files.js';
import { breadcrumbJsonLd, homeJsonLd, newsArticleJsonLd } from './structured-data.js';
import { ArchiveIndexPage, ArticlePage, CategoryPage, ErrorPage, HomePage } from './views/pages.js';

export const VISITS_SLOT = 'visits';
export const VIEWS_SLOT = 'views';
export const CATEGORY_PAGE_SIZE = 10;
const SIDEBAR_GROUP_PREFIX = 'sidebar:';

export interface PageContext {
  db: Kysely<Database>;
  site: Site;
  now: Date;
  assets: Assets;
  /** Set only when rendering for one logged-in staff member: the page gets their bar and is never cached. */
  staff?: { displayName: string };
  /** The language of the page; Vietnamese when unset. English pages live under /en/. */
  language?: Language;
  /**
   * Turns what an article body cites into links at render time (legal documents: a
   * document added later links old articles too). Given by the app, so this module
   * knows no other module's pages.
   */
  linkBody?: (html: string) => Promise<string>;
}

const noLinks = async (html: string) => html;

function languageOf(ctx: PageContext): Language {
  return ctx.language ?? DEFAULT_LANGUAGE;
}

/** The site's languages other than the page's (what the switcher and hreflang links offer). */
function otherLanguages(ctx: PageContext): Language[] {
  return ctx.site.languages.filter((language) => language !== languageOf(ctx));
}

/**
 * The main menu of a page in another language than Vietnamese: the staff's menu is written
 * in Vietnamese and points at Vietnamese pages, so these pages list the category tree's
 * top two levels under their English names instead.
 */
function translatedMenu(tree: CategoryTree, language: Language): MenuItem[] {
  const item = (category: Category, children: MenuItem[]): MenuItem => ({ id: category.id, label: categoryName(category, language), url: categoryUrl(category.path, language), children });
  return [{ id: 'home', label: uiStrings(language).home, url: languageHome(language), children: [] }, ...tree.roots().map((root) => item(root, tree.childrenOf(root.id).map((child) => item(child, []))))];
}

const ADMIN_HOME = '/admin';
const editUrl = (articleId: string) => `/admin/bai-viet/${articleId}`;

/** A page and the article whose view counter it shows (see public-pages.ts). */
export type RenderedPage = DeliveredPage<{ article?: { id: string; viewCount: number }; isNotCounted?: boolean }>;

/** Everything around the content, loaded together with the content's own lists. */
export interface Frame {
  tree: CategoryTree;
  menu: Awaited<ReturnType<typeof loadMenu>>;
  banners: Banner[];
  blocks: SidebarBlock[];
}

export async function loadFrame(ctx: PageContext): Promise<Frame> {
  const [tree, menu, banners, blocks] = await Promise.all([
    loadCategoryTree(ctx.db, ctx.site.id),
    loadMenu(ctx.db, ctx.site.id),
    loadVisibleBanners(ctx.db, ctx.site.id, ctx.now),
    loadSidebarBlocks(ctx.db, ctx.site.id),
  ]);
  return { tree, menu, banners, blocks };
}

/** Sidebar "latest in category" blocks as groups for listLatestPerGroup. */
export function sidebarGroups(frame: Frame): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const block of frame.blocks) {
    if (block.kind === 'latest_in_category') groups.set(SIDEBAR_GROUP_PREFIX + block.id, frame.tree.withDescendants(block.categoryId).map((c) => c.id));
  }
  return groups;
}

export function mediaIdsOf(articles: ArticleSummary[]): string[] {
  return articles.flatMap((a) => (a.coverMediaId ? [a.coverMediaId] : []));
}

export function renderDocument(layout: LayoutModel, content: ComponentChildren): string {
  return `<!doctype html>${renderToString(<Layout model={layout}>{content}</Layout>)}`;
}

export function layoutModel(
  ctx: PageContext,
  frame: Frame,
  latest: Map<string, ArticleSummary[]>,
  media: Map<string, Media>,
  page: {
    title: string;
    description: string;
    path: string;
    canonicalPath?: string;
    staffLinks?: { href: string; label: string }[];
    staffNotice?: string;
    feed?: { title: string; href: string };
    meta?: PageMeta;
    searchQuery?: string;
    isNoIndex?: boolean;
    /** The same page in the site's other languages (paths), where it exists. */
    alternatePaths?: Partial<Record<Language, string>>;
  },
): LayoutModel {
  const language = languageOf(ctx);
  const t = uiStrings(language);
  const alternates = otherLanguages(ctx).flatMap((other) => {
    const path = page.alternatePaths?.[other];
    return path === undefined ? [] : [{ language: other, href: `${ctx.site.origin}${path}` }];
  });
  // One switch: to the page's translation when there is one, else to the other language's home.
  const switchTo = otherLanguages(ctx)[0];
  const languageLink = switchTo && {
    href: page.alternatePaths?.[switchTo] ?? languageHome(switchTo),
    language: switchTo,
    label: uiStrings(switchTo).languageName,
    title: uiStrings(switchTo).switchTo,
  };
  const canonicalUrl = page.canonicalPath === undefined ? undefined : `${ctx.site.origin}${page.canonicalPath}`;
  const vietnamesePath = language === DEFAULT_LANGUAGE ? page.canonicalPath : page.alternatePaths?.[DEFAULT_LANGUAGE];
  const bannerView = (banner: Banner): BannerView | undefined => {
    const image = media.get(banner.mediaId);
    return image ? { title: banner.title, url: banner.linkUrl || '/', image: presentImage(image, banner.title, 640) } : undefined;
  };
  // Staff write blocks in Vietnamese: other languages keep the article blocks, under the category's name.
  const blocks = frame.blocks.flatMap((block): SidebarBlockView[] => {
    if (block.kind === 'links') return language === DEFAULT_LANGUAGE ? [{ kind: 'links', title: block.title, links: block.links }] : [];
    const category = frame.tree.findById(block.categoryId);
    const items = (latest.get(SIDEBAR_GROUP_PREFIX + block.id) ?? []).slice(0, block.itemLimit);
    if (language !== DEFAULT_LANGUAGE && (!category || items.length === 0)) return [];
    const title = language === DEFAULT_LANGUAGE || !category ? block.title : categoryName(category, language);
    return [{ kind: 'articles', title, url: category ? categoryUrl(category.path, language) : languageHome(language), items: items.map((a) => presentCard(a, frame.tree, media)) }];
  });
  return {
    site: ctx.site,
    title: page.title,
    description: page.description,
    path: page.path,
    assets: ctx.assets,
    menu: language === DEFAULT_LANGUAGE ? frame.menu : translatedMenu(frame.tree, language),
    headerBanner: frame.banners.filter((b) => b.position === 'header').map(bannerView).find((b) => b !== undefined),
    sidebarBanners: frame.banners.filter((b) => b.position === 'sidebar').flatMap((b) => bannerView(b) ?? []),
    sidebarBlocks: blocks,
    visitsSlot: slotMarker(VISITS_SLOT),
    // From the site's stored origin, never the request: cached bytes are shared by every reader.
    canonicalUrl,
    staffBar: ctx.staff && { displayName: ctx.staff.displayName, notice: page.staffNotice, links: [...(page.staffLinks ?? []), { href: ADMIN_HOME, label: 'Trang quản trị' }] },
    // Category feeds list Vietnamese articles; each language has its site feed.
    feeds: language === DEFAULT_LANGUAGE ? [{ title: ctx.site.name, href: FEED_PATH }, ...(page.feed ? [page.feed] : [])] : [{ title: ctx.site.englishName || ctx.site.name, href: feedPath(language) }],
    meta: page.meta,
    searchQuery: page.searchQuery,
    isNoIndex: page.isNoIndex,
    language,
    t,
    homeUrl: languageHome(language),
    languageLink,
    alternates,
    xDefaultUrl: alternates.length > 0 && vietnamesePath !== undefined ? `${ctx.site.origin}${vietnamesePath}` : undefined,
  };
}

export async function renderHomePage(ctx: PageContext): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  // Pages in another language hold little beyond the key information (under top-level
  // categories such as "About us"): their home has a block per top-level category, empty ones left out.
  const homeCategories = languageOf(ctx) === DEFAULT_LANGUAGE ? frame.tree.all.filter((c) => c.isOnHome) : frame.tree.roots();
  const groups = sidebarGroups(frame);
  for (const category of homeCategories) groups.set(`home:${category.id}`, frame.tree.withDescendants(category.id).map((c) => c.id));
  const language = languageOf(ctx);
  const [featured, perGroup] = await Promise.all([
    listLatestArticles(ctx.db, { siteId: ctx.site.id, language, limit: 5, now: ctx.now, isFeaturedOnly: true }),
    listLatestPerGroup(ctx.db, { siteId: ctx.site.id, language, groups, perGroup: 6, now: ctx.now }),
  ]);
  const listed = [...featured, ...[...perGroup.values()].flat()];
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf(listed), ...frame.banners.map((b) => b.mediaId)]);
  const card = (a: ArticleSummary) => presentCard(a, frame.tree, media);
  const model = {
    featured: featured.map(card),
    sections: homeCategories
      .map((category) => ({ title: categoryName(category, language), url: categoryUrl(category.path, language), items: (perGroup.get(`home:${category.id}`) ?? []).map(card) }))
      .filter((section) => language === DEFAULT_LANGUAGE || section.items.length > 0),
  };
  const home = languageHome(language);
  const t = uiStrings(language);
  const alternatePaths = Object.fromEntries(ctx.site.languages.map((other) => [other, languageHome(other)]));
  const description = t.portalOf(language === DEFAULT_LANGUAGE ? ctx.site.name : ctx.site.englishName || ctx.site.name);
  const layout = layoutModel(ctx, frame, perGroup, media, { title: '', description, path: home, canonicalPath: home, alternatePaths, meta: { type: 'website', jsonLd: homeJsonLd(ctx.site, language) } });
  return { kind: 'page', html: renderDocument(layout, <HomePage model={model} t={t} />) };
}

/** @throws PAGE_OUT_OF_RANGE past the last page. */
export async function renderCategoryPage(ctx: PageContext, frame: Frame, category: Category, page: number): Promise<RenderedPage> {
  const categoryIds = frame.tree.withDescendants(category.id).map((c) => c.id);
  const language = languageOf(ctx);
  const t = uiStrings(language);
  const [list, latest] = await Promise.all([
    listPublishedInCategories(ctx.db, { siteId: ctx.site.id, language, categoryIds, page, pageSize: CATEGORY_PAGE_SIZE, now: ctx.now }),
    listLatestPerGroup(ctx.db, { siteId: ctx.site.id, language, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now }),
  ]);
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf(list.items), ...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const url = categoryUrl(category.path, language);
  const name = categoryName(category, language);
  const model = {
    name,
    // The description is written in Vietnamese.
    description: language === DEFAULT_LANGUAGE ? category.description : '',
    breadcrumb: breadcrumbFor(frame.tree, category.id, language),
    children: frame.tree.childrenOf(category.id).map((c) => ({ label: categoryName(c, language), url: categoryUrl(c.path, language) })),
    items: list.items.map((a) => presentCard(a, frame.tree, media)),
    page: list.page,
    pageCount: list.pageCount,
    pageUrl: (n: number) => (n === 1 ? url : `${url}?page=${n}`),
  };
  const title = page > 1 ? t.pageTitle(name, page) : name;
  const feed = { title: category.name, href: categoryFeedPath(category) };
  const meta: PageMeta = { type: 'website', jsonLd: [breadcrumbJsonLd(ctx.site, model.breadcrumb, undefined, { label: t.home, url: languageHome(language) })] };
  // Every language has the category's page (one tree); page 2 onwards differ, so only page 1 is paired.
  const alternatePaths = page === 1 ? Object.fromEntries(ctx.site.languages.map((other) => [other, categoryUrl(category.path, other)])) : undefined;
  const layout = layoutModel(ctx, frame, latest, media, { title, description: model.description || name, path: url, canonicalPath: model.pageUrl(page), feed, meta, alternatePaths });
  return { kind: 'page', html: renderDocument(layout, <CategoryPage model={{ ...model, feedUrl: language === DEFAULT_LANGUAGE ? feed.href : undefined }} t={t} />) };
}

/** @throws NOT_FOUND for an unknown slug; a known slug under the wrong path redirects. */
export async function renderArticlePage(ctx: PageContext, frame: Frame, categoryPath: string, slug: string): Promise<RenderedPage> {
  const article = await getPublishedArticle(ctx.db, { siteId: ctx.site.id, language: languageOf(ctx), slug, now: ctx.now });
  const category = frame.tree.findById(article.categoryId);
  if (!category) throw new NotFoundError();
  if (category.path !== categoryPath) return { kind: 'redirect', location: articleUrl(category.path, article.slug, article.language) };
  return renderArticle(ctx, frame, article, category, { staffLinks: [{ href: editUrl(article.id), label: 'Sửa bài này' }] });
}

/**
 * Exactly the public article page for an article not (or not yet in this form) public:
 * the newsroom's preview. Rendered per request for the staff member, never cached.
 */
export async function renderArticlePreview(ctx: PageContext & { staff: { displayName: string } }, article: Article): Promise<string> {
  const frame = await loadFrame(ctx);
  const category = frame.tree.findById(article.categoryId);
  if (!category) throw new NotFoundError();
  const rendered = await renderArticle(ctx, frame, article, category, { staffNotice: 'Bản xem trước: chưa xuất bản', staffLinks: [{ href: editUrl(article.id), label: 'Quay lại soạn bài' }] });
  if (rendered.kind !== 'page') throw new NotFoundError();
  return rendered.html.replace(slotMarker(VIEWS_SLOT), '0').replace(slotMarker(VISITS_SLOT), formatNumber(ctx.site.visitCount));
}

async function renderArticle(ctx: PageContext, frame: Frame, article: Article, category: Category, staff: { staffLinks?: { href: string; label: string }[]; staffNotice?: string }): Promise<RenderedPage> {
  // The article's own language decides (a preview is rendered from the newsroom, not a URL).
  const language = article.language;
  ctx = { ...ctx, language };
  const t = uiStrings(language);
  const [others, related, latest, translations] = await Promise.all([
    listOtherArticles(ctx.db, { siteId: ctx.site.id, language, categoryIds: [category.id], article, limit: 8, now: ctx.now }),
    listRelatedArticles(ctx.db, { siteId: ctx.site.id, language, article, limit: 5, now: ctx.now }),
    listLatestPerGroup(ctx.db, { siteId: ctx.site.id, language, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now }),
    Promise.all(otherLanguages(ctx).map((other) => findPublishedTranslationOf(ctx.db, { siteId: ctx.site.id, language: other, article, now: ctx.now }))),
  ]);
  const alternatePaths: Partial<Record<Language, string>> = {};
  for (const translation of translations) {
    const translated = translation && frame.tree.findById(translation.categoryId);
    if (translation && translated) alternatePaths[translation.language] = articleUrl(translated.path, translation.slug, translation.language);
  }
  const media = await findMediaMap(ctx.db, ctx.site.id, [
    ...inlineMediaIds(article.bodyHtml),
    ...article.gallery.map((g) => g.mediaId),
    ...mediaIdsOf(others),
    ...mediaIdsOf(related),
    ...mediaIdsOf([...latest.values()].flat()),
    ...frame.banners.map((b) => b.mediaId),
  ]);
  const path = articleUrl(category.path, article.slug, language);
  const sectionName = categoryName(category, language);
  const model = {
    title: article.title,
    lead: article.lead,
    bodyHtml: await (ctx.linkBody ?? noLinks)(expandInlineImages(article.bodyHtml, media)),
    galleryTitle: article.galleryTitle,
    gallery: article.gallery.flatMap((item) => {
      const record = media.get(item.mediaId);
      if (!record) return [];
      const alt = item.caption || record.alt;
      return [{ image: presentImage(record, alt, 320), large: presentImage(record, alt, 1280), caption: item.caption }];
    }),
    byline: article.byline,
    postedBy: article.postedByName,
    date: formatDate(article.publishedAt),
    dateIso: article.publishedAt,
    viewsSlot: slotMarker(VIEWS_SLOT),
    breadcrumb: breadcrumbFor(frame.tree, category.id, language),
    backUrl: categoryUrl(category.path, language),
    others: others.map((a) => presentCard(a, frame.tree, media)),
    othersTitle: t.othersIn(sectionName),
    absoluteUrl: `${ctx.site.origin}${path}`,
    // Tag pages list Vietnamese articles only.
    tags: language === DEFAULT_LANGUAGE ? article.tags.map((name) => ({ label: name, url: tagUrl(name) })).filter((tag) => tag.url !== TAG_PREFIX) : [],
    related: related.map((a) => presentCard(a, frame.tree, media)),
    facebookShareUrl: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${ctx.site.origin}${path}`)}`,
  };
  const description = article.seoDescription || article.lead;
  const picture = [article.coverMediaId, ...article.gallery.map((g) => g.mediaId), ...inlineMediaIds(article.bodyHtml)].map((id) => (id ? media.get(id) : undefined)).find((m) => m !== undefined);
  const image = picture ? `${ctx.site.origin}${presentImage(picture, picture.alt, 1280).src}` : undefined;
  const absolute = `${ctx.site.origin}${path}`;
  const meta: PageMeta = {
    type: 'article',
    image,
    imageAlt: picture?.alt,
    publishedAt: article.publishedAt,
    modifiedAt: article.updatedAt,
    section: sectionName,
    tags: article.tags,
    jsonLd: [
      newsArticleJsonLd(ctx.site, { article, url: absolute, section: sectionName, image, description }),
      breadcrumbJsonLd(ctx.site, model.breadcrumb, { label: article.title, url: path }, { label: t.home, url: languageHome(language) }),
    ],
  };
  const layout = layoutModel(ctx, frame, latest, media, { title: article.title, description, path, canonicalPath: path, ...staff, feed: { title: category.name, href: categoryFeedPath(category) }, meta, alternatePaths });
  return { kind: 'page', html: renderDocument(layout, <ArticlePage model={model} t={t} />), meta: { article: { id: article.id, viewCount: article.viewCount } } };
}

export const TAG_PREFIX = '/tu-khoa/';
const tagUrl = (name: string) => `${TAG_PREFIX}${slugify(name)}`;

/** The published articles with a tag: /tu-khoa/<slug>, paginated like a category. */
export async function renderTagPage(ctx: PageContext, tagSlug: string, page: number): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const [list, latest] = await Promise.all([
    listPublishedWithTag(ctx.db, { siteId: ctx.site.id, tagSlug, page, pageSize: CATEGORY_PAGE_SIZE, now: ctx.now }),
    listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now }),
  ]);
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf(list.items), ...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const url = `${TAG_PREFIX}${tagSlug}`;
  const model = {
    name: `Từ khoá: ${list.tagName}`,
    description: `${list.total} bài viết có từ khoá "${list.tagName}".`,
    breadcrumb: [],
    children: [],
    items: list.items.map((a) => presentCard(a, frame.tree, media)),
    page: list.page,
    pageCount: list.pageCount,
    pageUrl: (n: number) => (n === 1 ? url : `${url}?page=${n}`),
  };
  const title = page > 1 ? `${model.name} - Trang ${page}` : model.name;
  const layout = layoutModel(ctx, frame, latest, media, { title, description: model.description, path: url, canonicalPath: model.pageUrl(page), meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, <CategoryPage model={model} />) };
}

export const ARCHIVE_PREFIX = '/luu-tru';
const monthUrl = (year: number, month: number) => `${ARCHIVE_PREFIX}/${year}/${String(month).padStart(2, '0')}`;

/** /luu-tru: every month with published articles, by year. */
export async function renderArchiveIndex(ctx: PageContext): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const [months, latest] = await Promise.all([listPublicationMonths(ctx.db, { siteId: ctx.site.id, now: ctx.now }), listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now })]);
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const years = new Map<string, { label: string; url: string; count: number }[]>();
  for (const { month, count } of months) {
    const [year, mm] = month.split('-');
    years.set(year!, [...(years.get(year!) ?? []), { label: `Tháng ${mm}/${year}`, url: monthUrl(Number(year), Number(mm)), count }]);
  }
  const model = { years: [...years].map(([year, list]) => ({ year, months: list.map((m) => ({ ...m, countLabel: formatNumber(m.count) })) })) };
  const layout = layoutModel(ctx, frame, latest, media, { title: 'Lưu trữ tin bài', description: `Tin bài của ${ctx.site.name} theo từng tháng.`, path: ARCHIVE_PREFIX, canonicalPath: ARCHIVE_PREFIX, meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, <ArchiveIndexPage model={model} />) };
}

/** /luu-tru/2022/01: the articles published that month (Vietnam time). */
export async function renderArchiveMonth(ctx: PageContext, year: number, month: number, page: number): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const [list, latest] = await Promise.all([
    listPublishedInMonth(ctx.db, { siteId: ctx.site.id, year, month, page, pageSize: CATEGORY_PAGE_SIZE, now: ctx.now }),
    listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now }),
  ]);
  if (list.total === 0) throw new NotFoundError();
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf(list.items), ...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const url = monthUrl(year, month);
  const name = `Tin bài tháng ${String(month).padStart(2, '0')}/${year}`;
  const model = {
    name,
    description: `${formatNumber(list.total)} bài viết.`,
    breadcrumb: [{ label: 'Lưu trữ', url: ARCHIVE_PREFIX }],
    children: [],
    items: list.items.map((a) => presentCard(a, frame.tree, media)),
    page: list.page,
    pageCount: list.pageCount,
    pageUrl: (n: number) => (n === 1 ? url : `${url}?page=${n}`),
  };
  const layout = layoutModel(ctx, frame, latest, media, { title: page > 1 ? `${name} - Trang ${page}` : name, description: model.description, path: url, canonicalPath: model.pageUrl(page), meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, <CategoryPage model={model} />) };
}

/**
 * A canonical path below the root (see canonicalPagePath) is a category
 * (/tin-tuc/thong-bao) or an article inside one (/tin-tuc/thong-bao/<slug>); failing
 * both, an old path of a moved category redirects to where it is now.
 * @throws NOT_FOUND
 */
export async function renderPathPage(ctx: PageContext, path: string, page: number): Promise<RenderedPage> {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) throw new NotFoundError();
  const frame = await loadFrame(ctx);
  const category = frame.tree.findByPath(segments.join('/'));
  if (category) return renderCategoryPage(ctx, frame, category, page);
  try {
    if (page !== 1) throw new NotFoundError(); // an article has no page 2
    return await renderArticlePage(ctx, frame, segments.slice(0, -1).join('/'), segments[segments.length - 1]!);
  } catch (error) {
    // Only on the way to a 404 does the redirect lookup cost its one query.
    if (!(error instanceof NotFoundError)) throw error;
    const location = await findMovedLocation(ctx, frame.tree, segments, page);
    if (location === undefined) throw error;
    return { kind: 'redirect', location };
  }
}

/** Where an old path of a moved category (or a page below it) is now, with its page number. */
async function findMovedLocation(ctx: PageContext, tree: CategoryTree, segments: string[], page: number): Promise<string | undefined> {
  const target = await findRedirect(ctx.db, { siteId: ctx.site.id, path: segments.join('/'), liveDepth: liveDepthOf(tree, segments) });
  if (target === undefined) return undefined;
  const location = `${languagePrefix(languageOf(ctx))}/${target}`;
  return page > 1 ? `${location}?page=${page}` : location;
}

/**
 * How many leading segments of a path are a category that exists now (0 if none). A
 * category's ancestors exist too, so these run unbroken from the root, and the walk stops
 * at the tree's depth however long the requested path.
 */
function liveDepthOf(tree: CategoryTree, segments: string[]): number {
  let depth = 0;
  while (depth < segments.length && tree.findByPath(segments.slice(0, depth + 1).join('/'))) depth++;
  return depth;
}

/**
 * Error pages keep the site's header, menu and footer so a lost visitor can go on. They
 * are cached per site and error like pages, so nothing of the request goes in.
 */
export async function renderErrorPage(ctx: PageContext, error: { status: number; message: string; help: string }): Promise<string> {
  const frame = await loadFrame(ctx);
  const language = languageOf(ctx);
  const t = uiStrings(language);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, language, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  // Messages of errors are written in Vietnamese; another language gets its own words for the common 404.
  const shown = language !== DEFAULT_LANGUAGE && error.status === 404 ? { ...error, message: t.notFoundMessage, help: t.notFoundHelp } : error;
  const layout = layoutModel(ctx, frame, latest, media, { title: error.status === 404 ? t.notFoundTitle : t.errorTitle, description: shown.message, path: '' });
  return renderDocument(layout, <ErrorPage {...shown} t={t} />);
}
