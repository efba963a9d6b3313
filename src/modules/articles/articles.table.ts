/** Articles and their photo galleries. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */
import type { Generated } from 'kysely';

export interface ArticlesTable {
  id: string;
  site_id: string;
  category_id: string;
  slug: string;
  title: string;
  lead: string;
  body_html: string;
  gallery_title: string;
  byline: string;
  cover_media_id: string | null;
  posted_by: string | null;
  status: string;
  is_featured: number;
  published_at: string | null;
  view_count: Generated<number>;
  created_at: string;
  updated_at: string;
  seo_description: Generated<string>;
  review_comment: Generated<string>;
  pending_revision_id: string | null;
  pending_status: string | null;
  needs_second_look: Generated<number>;
  /** 'vi' | 'en': the language it is written in; English articles live under /en/. */
  language: Generated<string>;
  /** The id of the article this one translates, or null. */
  translation_of: string | null;
}

export interface ArticleRevisionsTable {
  id: string;
  article_id: string;
  number: number;
  author_id: string | null;
  /** JSON of the editable fields as saved. */
  snapshot: string;
  created_at: string;
}

export interface ArticleTagsTable {
  article_id: string;
  slug: string;
  name: string;
}

export interface ArticleCategoriesTable {
  article_id: string;
  category_id: string;
}

export interface ArticleGalleryTable {
  article_id: string;
  media_id: string;
  position: number;
  caption: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    articles: ArticlesTable;
    article_gallery: ArticleGalleryTable;
    article_revisions: ArticleRevisionsTable;
    article_tags: ArticleTagsTable;
    article_categories: ArticleCategoriesTable;
  }
}
