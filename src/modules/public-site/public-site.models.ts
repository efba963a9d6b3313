/** What the views receive: plain, already formatted values; views never query or format. */
import type { ImageView } from '../media/index.js';
import type { MenuItem } from '../navigation/index.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { Site } from '../sites/index.js';
import type { UiStrings } from './ui-strings.js';

export interface Crumb {
  label: string;
  url: string;
}

export interface BannerView {
  title: string;
  url: string;
  image: ImageView;
}

export interface ArticleCard {
  title: string;
  url: string;
  lead: string;
  /** dd/mm/yyyy */
  date: string;
  /** ISO, for <time datetime> */
  dateIso: string;
  image: ImageView | undefined;
}

export type SidebarBlockView = { kind: 'articles'; title: string; url: string; items: ArticleCard[] } | { kind: 'links'; title: string; links: { label: string; url: string }[] };

export interface Assets {
  css: string;
  js: string;
  emblem: string;
}

export interface LayoutModel {
  site: Site;
  /** <title> text; the site name is appended. */
  title: string;
  description: string;
  /** Path of this page, used to mark the current menu item. */
  path: string;
  assets: Assets;
  menu: MenuItem[];
  headerBanner: BannerView | undefined;
  sidebarBanners: BannerView[];
  sidebarBlocks: SidebarBlockView[];
  /** Placeholder replaced per request with the visit count. */
  visitsSlot: string;
  /** Absolute canonical URL (<link rel="canonical">); none on error pages. */
  canonicalUrl: string | undefined;
  /** Only on pages rendered for one logged-in staff member, never on cached ones. */
  staffBar?: StaffBar;
  /** RSS feeds offered by this page (<link rel="alternate">): the site's, and a category's own. */
  feeds: { title: string; href: string }[];
  /** Open Graph, Twitter card, Dublin Core and JSON-LD; absent on error pages. */
  meta?: PageMeta;
  /** What the header's search box shows: the query on the search page. */
  searchQuery?: string;
  /** Pages that must not be indexed by search engines (search results). */
  isNoIndex?: boolean;
  /** The page's language: <html lang>, og:locale, DC.language and the words around the content. */
  language: Language;
  t: UiStrings;
  /** The home page of the page's language ('/' or '/en'). */
  homeUrl: string;
  /** The header's switch to the other language: the translation of this page, else that language's home. */
  languageLink?: { href: string; language: Language; label: string; title: string };
  /** The same page in the site's other languages (absolute URLs), for hreflang links. */
  alternates: { language: Language; href: string }[];
  /** Absolute URL for hreflang="x-default" (the Vietnamese page), when the page has alternates. */
  xDefaultUrl?: string;
}

/** What link previews, search engines and the Vietnamese agency-site rules read from <head>. */
export interface PageMeta {
  type: 'website' | 'article';
  /** Absolute URL of the picture for link previews. */
  image?: string;
  imageAlt?: string;
  publishedAt?: string;
  modifiedAt?: string;
  section?: string;
  tags?: string[];
  /** Schema.org objects, each written as one application/ld+json block. */
  jsonLd: object[];
}

/** The strip a logged-in staff member sees above a public page: who they are, and links to act. */
export interface StaffBar {
  displayName: string;
  /** "Bản xem trước: chưa xuất bản" on previews. */
  notice?: string;
  links: { href: string; label: string }[];
}

export interface HomeModel {
  featured: ArticleCard[];
  sections: { title: string; url: string; items: ArticleCard[] }[];
}

export interface CategoryModel {
  name: string;
  description: string;
  breadcrumb: Crumb[];
  children: Crumb[];
  items: ArticleCard[];
  page: number;
  pageCount: number;
  /** URL of page n. */
  pageUrl: (n: number) => string;
  /** The category's RSS feed. */
  feedUrl?: string;
}

export interface GalleryView {
  image: ImageView;
  large: ImageView;
  caption: string;
}

export interface ArticleModel {
  title: string;
  lead: string;
  /** Sanitised on save; inline images already expanded. */
  bodyHtml: string;
  galleryTitle: string;
  gallery: GalleryView[];
  byline: string;
  postedBy: string;
  date: string;
  dateIso: string;
  /** Placeholder replaced per request with the view count. */
  viewsSlot: string;
  breadcrumb: Crumb[];
  backUrl: string;
  others: ArticleCard[];
  othersTitle: string;
  absoluteUrl: string;
  tags: Crumb[];
  /** Articles sharing tags with this one. */
  related: ArticleCard[];
  /** Facebook's share page for this article: a plain link, no script of theirs. */
  facebookShareUrl: string;
}
