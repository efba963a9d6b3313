/**
 * The one interface the two full-text engines sit behind. Records, the ranking rules,
 * pagination and snippets live in the service; an engine stores a record's words and
 * lists the newest records a query matches, with a relevance score each.
 * search-index.sqlite.ts (FTS5) and search-index.postgres.ts (tsvector + GIN) are kept
 * in step by docs/search.md and by running the same tests on both.
 *
 * Why "newest": a query ranks at most MAX_RANKED_MATCHES of its matches, the newest
 * ones, so ranking costs the same however common its words are (a Vietnamese syllable
 * like "công" is in nearly every article). FTS5 walks its rowids (which follow
 * publication time) backwards and stops; PostgreSQL walks the (site_id, published_at)
 * index for common words and sorts a GIN result for rarer ones.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { ParsedQuery } from './query-parser.js';
import type { SearchRecordsTable } from './search.table.js';

/** Matches ranked per query, newest first; with more, the total says "more than this". */
export const MAX_RANKED_MATCHES = 500;

export interface WordLists {
  folded: string[];
  exact: string[];
}

/** The words of one record, per field (weights: title > body > attachments). */
export interface RecordWords {
  title: WordLists;
  body: WordLists;
  attachments: WordLists;
}

/** Relative weight of a match in each field, on both engines. */
export const FIELD_WEIGHTS = { title: 1.0, body: 0.4, attachments: 0.2 } as const;

/** A record row as the service writes it (the engine chooses the id). */
export type RecordRow = Omit<Insertable<SearchRecordsTable>, 'id' | 'folded_vector' | 'exact_vector'> & { published_at: string };

export interface MatchQuery {
  siteId: string;
  query: ParsedQuery;
  /** Only records holding the query's exact (diacritic) words too. */
  isExactOnly: boolean;
  /** ISO time, inclusive: later records are not public yet (scheduled). */
  publishedUntil: string;
  /** ISO, inclusive. */
  publishedFrom?: string;
  /** ISO, exclusive. */
  publishedBefore?: string;
  types?: string[];
  categoryIds?: string[];
  language?: string;
  limit: number;
}

export interface Match {
  id: number;
  /** Publication time, ms since 1970. */
  time: number;
  /** Higher is more relevant (BM25 on SQLite, ts_rank_cd on PostgreSQL); absent until scored. */
  relevance?: number;
}

export interface SearchEngine {
  /** Writes a record and its words, replacing the record with the same key. */
  saveRecord(trx: Kysely<Database>, row: RecordRow, words: RecordWords): Promise<void>;
  /** The newest `limit` records matching, in any order; relevance when it comes at no extra cost. */
  findMatches(db: Kysely<Database>, query: MatchQuery): Promise<Match[]>;
  /** Relevance of matches found by findMatches with the same query, by id. */
  scoreMatches(db: Kysely<Database>, query: Omit<MatchQuery, 'limit'>, ids: number[]): Promise<Map<number, number>>;
  /** After a bulk load: merge index segments, refresh planner statistics. */
  optimize(db: Kysely<Database>): Promise<void>;
}

/**
 * A filter value (site, type, category, language) as one index token: a prefix letter
 * and 64 bits of its hash, so any id with any characters fits the tokenizers.
 */
export function tagToken(prefix: 's' | 't' | 'c' | 'l', value: string): string {
  return `${prefix}${crypto.createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
