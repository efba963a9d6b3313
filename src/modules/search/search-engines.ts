/** The engine of a database handle (a transaction's too). */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isPostgres, type SearchEngine } from './search-index.js';
import { postgresSearchEngine } from './search-index.postgres.js';
import { sqliteSearchEngine } from './search-index.sqlite.js';

export function engineFor(db: Kysely<Database>): SearchEngine {
  return isPostgres(db) ? postgresSearchEngine : sqliteSearchEngine;
}

