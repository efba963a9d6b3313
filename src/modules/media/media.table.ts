import type { Generated } from 'kysely';

/** Uploaded pictures and their variants. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */

export interface MediaTable {
  id: string;
  site_id: string;
  kind: string;
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  variants: string;
  created_at: string;
  /** The uploader's file name, for display and download only. */
  original_name: Generated<string>;
  uploaded_by: string | null;
  /**
   * A document's text for search (document-text.ts), at most MAX_TEXT_CHARS characters.
   * NULL: never extracted (uploaded before the column); '': nothing to extract.
   */
  text_content: Generated<string | null>;
}

declare module '../../platform/db/database.js' {
  interface Database {
    media: MediaTable;
  }
}
