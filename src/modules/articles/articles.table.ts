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
  }
}
