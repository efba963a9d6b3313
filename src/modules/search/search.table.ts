/** The search index. Row types as stored: snake_case, ISO-8601 text times. */
import type { Generated } from 'kysely';

/**
 * One searchable record per (site, type, record id), handed over by a content module.
 * The text columns hold the original text (NFC, with diacritics and case) for display
 * and snippets; the index holds two word lists made from it (see search-text.ts):
 * folded (no diacritics, đ→d) for matching, exact (lower-cased) for ranking.
 * SQLite keeps them in the FTS5 tables search_fts and search_exact_fts (rowid = id);
 * PostgreSQL in the tsvector columns folded_vector and exact_vector of this table.
 */
export interface SearchRecordsTable {
  /** Integer key: the FTS5 rowid on SQLite. */
  id: Generated<number>;
  site_id: string;
  /** 'article' now; 'document', 'question' later. */
  type: string;
  /** The id of the record in its own module. */
  record_id: string;
  category_id: string | null;
  /** 'vi' | 'en' */
  language: string;
  published_at: string;
  /** When this row was last written; a reindex removes rows it did not write. */
  indexed_at: string;
  /** Site-relative path of the record's page. */
  url: string;
  title: string;
  /** Plain text of the record (the caller turns HTML into text). */
  body: string;
  /** JSON array of { name, url, text }: attached files whose text is searchable. */
  attachments: string;
  /** PostgreSQL only: the folded words with positions and weights (title A, body B, files C). */
  folded_vector?: unknown;
  /** PostgreSQL only: the exact (lower-cased) words, for ranking exact-diacritic matches first. */
  exact_vector?: unknown;
}

declare module '../../platform/db/database.js' {
  interface Database {
    search_records: SearchRecordsTable;
  }
}
