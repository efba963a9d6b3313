/**
 * What machines read: RSS 2.0 feeds (the `feed` library), sitemaps (the `sitemap`
 * library) and robots.txt. Every absolute URL comes from the site's stored origin, never
 * from the request. They are rendered once per content version and served from the page
 * cache like pages (ETag, gzip), without counting a visit.
 */
import { Readable } from 'node:stream';
import { Feed } from 'feed';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { NotFoundError } from '../../platform/errors.js';
import { countPublishedArticles, listLatestArticles, listPublishedInCategories, listPublishedLinks, type ArticleSummary } from '../articles/index.js';
import { loadCategoryTree, type Category, type CategoryTree } from '../categories/index.js';
import { countPublishedPages, listPublishedPageLinks } from '../search/index.js';
import type { PageContext, RenderedPage } from './public-site.service.js';
import { articleUrl, categoryName, categoryUrl } from './public-site.present.js';
import { DEFAULT_LANGUAGE, languageHome, languagePrefix, type Language } from '../../platform/i18n/languages.js';

/** Items in a feed: what readers look back on, no more. */
const FEED_ITEMS = 30;
/** The sitemaps protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

export const FEED_PATH = '/rss.xml';
/** The latest articles of a language: /rss.xml, /en/rss.xml. */
export const feedPath = (language: Language = DEFAULT_LANGUAGE) => `${languagePrefix(language)}${FEED_PATH}`;
/** /rss/tin-tuc/thong-bao.xml: the feed of a category and its sub-categories. */
export const categoryFeedPath = (category: Category) => `/rss/${category.path}.xml`;

const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

function feedOf(ctx: PageContext, input: { title: string; description: string; selfPath: string; pagePath: string; tree: CategoryTree; items: ArticleSummary[] }): RenderedPage {
  const { site } = ctx;
  const feed = new Feed({
    id: `${site.origin}${input.pagePath}`,
    title: input.title,
    description: input.description,
    link: `${site.origin}${input.pagePath}`,
    language: ctx.language ?? DEFAULT_LANGUAGE,
    copyright: site.licence || site.name,
    generator: 'Cổng',
    updated: input.items[0] ? new Date(input.items[0].publishedAt) : undefined,
    feedLinks: { rss: `${site.origin}${input.selfPath}` },
  });
  for (const article of input.items) {
    const category = input.tree.findById(article.categoryId);
    if (!category) continue;
    const url = `${site.origin}${articleUrl(category.path, article.slug, article.language)}`;
    feed.addItem({ title: article.title, id: url, link: url, guid: url, date: new Date(article.publishedAt), description: article.lead, category: [{ name: categoryName(category, article.language) }] });
  }
  return { kind: 'page', html: feed.rss2(), contentType: RSS_TYPE, meta: { isNotCounted: true } };
}

export async function renderSiteFeed(ctx: PageContext): Promise<RenderedPage> {
  const language = ctx.language ?? DEFAULT_LANGUAGE;
  const [tree, items] = await Promise.all([loadCategoryTree(ctx.db, ctx.site.id), listLatestArticles(ctx.db, { siteId: ctx.site.id, language, limit: FEED_ITEMS, now: ctx.now })]);
  if (language !== DEFAULT_LANGUAGE) {
    const name = ctx.site.englishName || ctx.site.name;
    return feedOf(ctx, { title: name, description: `Latest articles of ${name}`, selfPath: feedPath(language), pagePath: languageHome(language), tree, items });
  }
  return feedOf(ctx, { title: ctx.site.name, description: `Tin bài mới nhất của ${ctx.site.name}`, selfPath: FEED_PATH, pagePath: '/', tree, items });
}

/** @throws NOT_FOUND for a path that is no category of the site. */
export async function renderCategoryFeed(ctx: PageContext, categoryPath: string): Promise<RenderedPage> {
  const tree = await loadCategoryTree(ctx.db, ctx.site.id);
  const category = tree.findByPath(categoryPath);
  if (!category) throw new NotFoundError();
  const page = await listPublishedInCategories(ctx.db, { siteId: ctx.site.id, categoryIds: tree.withDescendants(category.id).map((c) => c.id), page: 1, pageSize: FEED_ITEMS, now: ctx.now });
  return feedOf(ctx, { title: `${category.name} - ${ctx.site.name}`, description: category.description || `Tin bài mới nhất trong mục ${category.name}`, selfPath: categoryFeedPath(category), pagePath: categoryUrl(category.path), tree, items: page.items });
}

export const SITEMAP_PATH = '/sitemap.xml';
export const sitemapPartPath = (n: number, language: Language = DEFAULT_LANGUAGE) => `${languagePrefix(language)}/sitemap-${n}.xml`;
/** Each language has its own sitemap (/sitemap.xml, /en/sitemap.xml): its home, categories, articles, and every other published page search knows (documents, procedures, Q&A, …). */
export const sitemapPath = (language: Language = DEFAULT_LANGUAGE) => `${languagePrefix(language)}${SITEMAP_PATH}`;

/**
 * The home page and every category come first, then the published articles, oldest
 * first (so earlier parts keep their URLs as new articles arrive), then the other
 * modules' published pages, oldest first too.
 */
async function sitemapEntryCount(ctx: PageContext): Promise<{ tree: CategoryTree; fixed: number; articles: number; total: number }> {
  const tree = await loadCategoryTree(ctx.db, ctx.site.id);
  const fixed = 1 + tree.all.length;
  const language = ctx.language ?? DEFAULT_LANGUAGE;
  const [articles, others] = await Promise.all([
    countPublishedArticles(ctx.db, { siteId: ctx.site.id, language: ctx.language, now: ctx.now }),
    countPublishedPages(ctx.db, { siteId: ctx.site.id, language, now: ctx.now, excludeTypes: [ARTICLE_RECORD_TYPE] }),
  ]);
  return { tree, fixed, articles, total: fixed + articles + others };
}

/** Articles are listed from their own table (with their last change); search's records of them are left out. */
const ARTICLE_RECORD_TYPE = 'article';

async function urlset(ctx: PageContext, tree: CategoryTree, fixed: number, articles: number, offset: number, limit: number): Promise<string> {
  const entries: { url: string; lastmod?: string; changefreq?: 'daily' | 'weekly' }[] = [];
  const language = ctx.language ?? DEFAULT_LANGUAGE;
  if (offset < fixed) {
    const pages = [{ url: languageHome(language), changefreq: 'daily' as const }, ...tree.all.map((c) => ({ url: categoryUrl(c.path, language), changefreq: 'daily' as const }))];
    entries.push(...pages.slice(offset, offset + limit));
  }
  const articleOffset = Math.max(0, offset - fixed);
  const articleLimit = limit - entries.length;
  if (articleLimit > 0) {
    const links = await listPublishedLinks(ctx.db, { siteId: ctx.site.id, language, now: ctx.now, offset: articleOffset, limit: articleLimit });
    for (const link of links) {
      const category = tree.findById(link.categoryId);
      if (category) entries.push({ url: articleUrl(category.path, link.slug, language), lastmod: link.updatedAt });
    }
  }
  const otherOffset = Math.max(0, offset - fixed - articles);
  const otherLimit = limit - entries.length;
  if (otherLimit > 0 && offset + limit > fixed + articles) {
    const urls = await listPublishedPageLinks(ctx.db, { siteId: ctx.site.id, language, now: ctx.now, excludeTypes: [ARTICLE_RECORD_TYPE], offset: otherOffset, limit: otherLimit });
    entries.push(...urls.map((url) => ({ url })));
  }
  const stream = new SitemapStream({ hostname: ctx.site.origin });
  return (await streamToPromise(Readable.from(entries).pipe(stream))).toString();
}

/** One sitemap while the site has at most 50,000 URLs (`maxUrls`); beyond, a sitemap index of parts. */
export async function renderSitemap(ctx: PageContext, maxUrls = SITEMAP_MAX_URLS): Promise<RenderedPage> {
  const { tree, fixed, articles, total } = await sitemapEntryCount(ctx);
  if (total <= maxUrls) return { kind: 'page', html: await urlset(ctx, tree, fixed, articles, 0, maxUrls), contentType: XML_TYPE, meta: { isNotCounted: true } };
  const parts = Math.ceil(total / maxUrls);
  const stream = new SitemapIndexStream();
  const index = Array.from({ length: parts }, (_, i) => ({ url: `${ctx.site.origin}${sitemapPartPath(i + 1, ctx.language)}` }));
  return { kind: 'page', html: (await streamToPromise(Readable.from(index).pipe(stream))).toString(), contentType: XML_TYPE, meta: { isNotCounted: true } };
}

/** @throws NOT_FOUND for a part the index does not list. */
export async function renderSitemapPart(ctx: PageContext, part: number, maxUrls = SITEMAP_MAX_URLS): Promise<RenderedPage> {
  const { tree, fixed, articles, total } = await sitemapEntryCount(ctx);
  if (total <= maxUrls || part < 1 || part > Math.ceil(total / maxUrls)) throw new NotFoundError();
  return { kind: 'page', html: await urlset(ctx, tree, fixed, articles, (part - 1) * maxUrls, maxUrls), contentType: XML_TYPE, meta: { isNotCounted: true } };
}

/** Crawlers may read everything public; the staff side and the APIs for staff are not for them. */
export function renderRobots(ctx: PageContext): RenderedPage {
  const sitemaps = ctx.site.languages.map((language) => `Sitemap: ${ctx.site.origin}${sitemapPath(language)}`);
  const text = ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api/admin', '', ...sitemaps, ''].join('\n');
  return { kind: 'page', html: text, contentType: 'text/plain; charset=utf-8', meta: { isNotCounted: true } };
}
