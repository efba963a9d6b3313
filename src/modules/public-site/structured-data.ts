/**
 * schema.org objects for JSON-LD: the agency on the home page, a BreadcrumbList on
 * category and article pages, a NewsArticle on articles. Every URL is absolute, from the
 * site's stored origin.
 */
import type { Article } from '../articles/index.js';
import { languageHome, type Language } from '../../platform/i18n/languages.js';
import type { Site } from '../sites/index.js';
import type { Crumb } from './public-site.models.js';

function agency(site: Site) {
  return {
    '@type': 'GovernmentOrganization',
    name: site.name,
    ...(site.englishName ? { alternateName: site.englishName } : {}),
    url: `${site.origin}/`,
    ...(site.address ? { address: site.address } : {}),
    ...(site.phone ? { telephone: site.phone } : {}),
    ...(site.email ? { email: site.email } : {}),
    ...(site.governingBody ? { parentOrganization: { '@type': 'GovernmentOrganization', name: site.governingBody } } : {}),
  };
}

export function homeJsonLd(site: Site, language: Language = 'vi'): object[] {
  const home = `${site.origin}${languageHome(language)}`;
  return [
    { '@context': 'https://schema.org', '@type': 'WebSite', name: language === 'vi' ? site.name : site.englishName || site.name, url: home, inLanguage: language },
    { '@context': 'https://schema.org', ...agency(site) },
  ];
}

export function breadcrumbJsonLd(site: Site, crumbs: Crumb[], last?: { label: string; url: string }, home: Crumb = { label: 'Trang chủ', url: '/' }): object {
  const items = [home, ...crumbs, ...(last ? [last] : [])];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, index) => ({ '@type': 'ListItem', position: index + 1, name: item.label, item: `${site.origin}${item.url}` })),
  };
}

export function newsArticleJsonLd(site: Site, input: { article: Article; url: string; section: string; image?: string; description: string }): object {
  const { article } = input;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.slice(0, 110),
    description: input.description,
    url: input.url,
    mainEntityOfPage: input.url,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    inLanguage: article.language,
    articleSection: input.section,
    ...(article.tags.length ? { keywords: article.tags.join(', ') } : {}),
    ...(input.image ? { image: [input.image] } : {}),
    author: article.byline ? { '@type': 'Person', name: article.byline.replace(/^(Tin|Ảnh|Tin và ảnh|Bài và ảnh|Bài)\s*:\s*/i, '') } : agency(site),
    publisher: agency(site),
  };
}
