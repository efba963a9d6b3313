/** Turns domain objects into the formatted view models the pages render. */
import { renderToString } from 'preact-render-to-string';
import { formatDate } from '../../platform/i18n/vi.js';
import type { ArticleSummary } from '../articles/index.js';
import { DEFAULT_LANGUAGE, languagePrefix, type Language } from '../../platform/i18n/languages.js';
import type { Category, CategoryTree } from '../categories/index.js';
import { presentImage, type Media } from '../media/index.js';
import type { ArticleCard, Crumb } from './public-site.models.js';
import { Picture } from './views/components.js';

/** A category's page in a language: /tin-tuc/thong-bao, or /en/tin-tuc/thong-bao (one tree for both). */
export function categoryUrl(path: string, language: Language = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}/${path}`;
}

export function articleUrl(categoryPath: string, slug: string, language: Language = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}/${categoryPath}/${slug}`;
}

/** A category's name in a language: its English name on English pages, when it has one. */
export function categoryName(category: Category, language: Language = DEFAULT_LANGUAGE): string {
  return language === 'en' && category.nameEn ? category.nameEn : category.name;
}

export function breadcrumbFor(tree: CategoryTree, categoryId: string, language: Language = DEFAULT_LANGUAGE): Crumb[] {
  return tree.ancestry(categoryId).map((c) => ({ label: categoryName(c, language), url: categoryUrl(c.path, language) }));
}

export function presentCard(article: ArticleSummary, tree: CategoryTree, media: Map<string, Media>): ArticleCard {
  const category = tree.findById(article.categoryId);
  const cover = article.coverMediaId ? media.get(article.coverMediaId) : undefined;
  return {
    title: article.title,
    url: articleUrl(category?.path ?? '', article.slug, article.language),
    lead: article.lead,
    date: formatDate(article.publishedAt),
    dateIso: article.publishedAt,
    image: cover ? presentImage(cover, article.title, 640) : undefined,
  };
}

const INLINE_IMAGE = /<img[^>]*\sdata-media-id="([0-9a-f-]{36})"[^>]*>/g;
const ALT_ATTRIBUTE = /\salt="([^"]*)"/;

/**
 * Replaces the stored inline image references of a sanitised body with responsive
 * <picture> markup; a reference to a missing media record is dropped.
 * The alt text is already HTML-escaped by the sanitiser, so it is unescaped before Preact escapes it again.
 */
export function expandInlineImages(bodyHtml: string, media: Map<string, Media>): string {
  return bodyHtml.replace(INLINE_IMAGE, (tag, id: string) => {
    const record = media.get(id);
    if (!record) return '';
    const alt = unescapeHtml(ALT_ATTRIBUTE.exec(tag)?.[1] ?? record.alt);
    return renderToString(<Picture image={presentImage(record, alt || record.alt, 960)} sizes="(max-width: 960px) 100vw, 820px" />);
  });
}

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
