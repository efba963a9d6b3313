/**
 * SQLite: one contentless FTS5 table, search_fts, whose rowid is search_records.id.
 * Its columns hold the words of words.ts joined by spaces:
 *   title, body, attachments                 folded words: what queries match (BM25 weights)
 *   title_exact, body_exact, attachments_exact  exact words: the exact-diacritic tier (weight 0)
 *   tags                                      s<site> t<type> c<category> l<language> tokens
 * The folding is done before the tokenizer (đ→d is beyond it), so the tokenizer is
 * unicode61 with remove_diacritics 0: the exact columns keep their diacritics.
 *
 * Filters are part of the MATCH (tags) or a rowid range (time): a query never joins
 * search_records row by row. The rowid follows publication time (ms × 1024 + a
 * sequence), so "the newest N matches" is FTS5 walking its rowids backwards and stopping.
 * A trigger on search_records deletes the FTS entry with the row (see the migration).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { toFts5ExactMatch, toFts5Match } from './query-parser.js';
import { FIELD_WEIGHTS, tagToken, type Match, type MatchQuery, type RecordRow, type RecordWords, type SearchEngine } from './search-index.js';

/** Ids per millisecond of publication time; more records in one ms take the next free ids. */
const IDS_PER_MS = 1024;
/** Pages of index written per merge step (a few ms each), and a bound on the steps. */
const MERGE_PAGES_PER_STEP = 2000;
const MAX_MERGE_STEPS = 10_000;
const BM25 = sql.raw(`bm25(search_fts, ${FIELD_WEIGHTS.title * 10}, ${FIELD_WEIGHTS.body * 10}, ${FIELD_WEIGHTS.attachments * 10}, 0, 0, 0, 0)`);


function tagsOf(row: RecordRow): string {
  const tags = [tagToken('s', row.site_id), tagToken('t', row.type), tagToken('l', row.language)];
  if (row.category_id) tags.push(tagToken('c', row.category_id));
  return tags.join(' ');
}

function anyTag(prefix: 't' | 'c' | 'l', values: string[]): string {
  return `tags : (${values.map((v) => `"${tagToken(prefix, v)}"`).join(' OR ')})`;
}

/** The MATCH text: the query's terms (or only its distinct words), the exact words, the filter tags. */
function matchText(q: Omit<MatchQuery, 'limit'>, options: { isWordsOnly?: boolean; isSiteTagNeeded?: boolean } = {}): string {
  const words = [...new Set(q.query.terms.flatMap((t) => t.words.map((w) => `"${w.folded}"`)))];
  // Words only: no column filter either, which would make the IDF count decode every position list.
  const parts = [options.isWordsOnly ? words.join(' ') : `{title body attachments} : (${toFts5Match(q.query)})`];
  if (options.isSiteTagNeeded !== false) parts.push(`tags : "${tagToken('s', q.siteId)}"`);
  if (q.isExactOnly) parts.push(`{title_exact body_exact attachments_exact} : (${toFts5ExactMatch(q.query)})`);
  if (q.types?.length) parts.push(anyTag('t', q.types));
  if (q.categoryIds?.length) parts.push(anyTag('c', q.categoryIds));
  if (q.language) parts.push(anyTag('l', [q.language]));
  return parts.join(' AND ');
}

/** The first id of a publication time: every id from here to the next ms' first is that ms. */
function firstIdOf(isoTime: string): number {
  return Date.parse(isoTime) * IDS_PER_MS;
}

/** A free id in the record's millisecond (or just after it, in a bulk import of one instant). */
async function freeId(trx: Kysely<Database>, publishedAt: string): Promise<number> {
  const base = firstIdOf(publishedAt);
  const { rows } = await sql<{ last: number | null }>`select max(id) as last from search_records where id >= ${base} and id < ${base + IDS_PER_MS}`.execute(trx);
  const last = rows[0]?.last;
  if (last === null || last === undefined) return base;
  if (last + 1 < base + IDS_PER_MS) return last + 1;
  const gap = await sql<{ id: number }>`select min(t.id) + 1 as id from search_records t where t.id >= ${base} and not exists (select 1 from search_records u where u.id = t.id + 1)`.execute(trx);
  return Number(gap.rows[0]!.id);
}

export const sqliteSearchEngine: SearchEngine = {
  async saveRecord(trx, row, words: RecordWords) {
    const existing = await trx.selectFrom('search_records').select(['id', 'published_at']).where('site_id', '=', row.site_id).where('type', '=', row.type).where('record_id', '=', row.record_id).executeTakeFirst();
    let id: number;
    if (existing && existing.published_at === row.published_at) {
      id = Number(existing.id);
      await trx.updateTable('search_records').set(row).where('id', '=', id).execute();
    } else {
      // A new publication time means a new place in time order: a new id (the trigger drops the old entry).
      if (existing) await trx.deleteFrom('search_records').where('id', '=', existing.id).execute();
      id = await freeId(trx, row.published_at);
      await trx.insertInto('search_records').values({ ...row, id }).execute();
    }
    const text = (form: 'folded' | 'exact') => [words.title[form].join(' '), words.body[form].join(' '), words.attachments[form].join(' ')];
    // INSERT OR REPLACE on a contentless_delete table replaces the entry of an updated record.
    await sql`insert or replace into search_fts (rowid, title, body, attachments, title_exact, body_exact, attachments_exact, tags)
      values (${id}, ${sql.join([...text('folded'), ...text('exact'), tagsOf(row)])})`.execute(trx);
  },

  async findMatches(db, q): Promise<Match[]> {
    const until = firstIdOf(q.publishedUntil) + IDS_PER_MS;
    const before = q.publishedBefore ? Math.min(until, firstIdOf(q.publishedBefore)) : until;
    const from = q.publishedFrom ? firstIdOf(q.publishedFrom) : Number.MIN_SAFE_INTEGER;
    const result = await sql<{ id: number }>`
      select rowid as id from search_fts
      where search_fts match ${matchText(q)} and rowid >= ${from} and rowid < ${before}
      order by rowid desc limit ${q.limit}`.execute(db);
    return result.rows.map((row) => ({ id: Number(row.id), time: Math.floor(Number(row.id) / IDS_PER_MS) }));
  },

  /**
   * bm25() of the newest matches. It runs apart from findMatches because bm25() first
   * counts, for every phrase of its MATCH, the rows holding it in the whole table (its
   * IDF): that cost grows with how common the words are. So this MATCH holds each word
   * once, in any column, instead of the query's phrases (found rows hold them anyway),
   * and the site tag only when another site has records. FTS5 stops a backwards walk at its LIMIT, not at a
   * lower rowid bound: the limit leaves room for rows that hold the words but not a phrase.
   */
  async scoreMatches(db, q, ids) {
    if (ids.length === 0) return new Map();
    // Two index seeks (a plain <> would read the whole index).
    const otherSite = await sql`select 1 as x where exists (select 1 from search_records where site_id < ${q.siteId}) or exists (select 1 from search_records where site_id > ${q.siteId})`.execute(db);
    const match = matchText(q, { isWordsOnly: true, isSiteTagNeeded: otherSite.rows.length > 0 });
    const result = await sql<{ id: number; relevance: number }>`
      select rowid as id, -${BM25} as relevance from search_fts
      where search_fts match ${match} and rowid <= ${Math.max(...ids)}
      order by rowid desc limit ${ids.length * 2 + 20}`.execute(db);
    const wanted = new Set(ids);
    return new Map(result.rows.filter((row) => wanted.has(Number(row.id))).map((row) => [Number(row.id), Number(row.relevance)]));
  },

  /**
   * Merges the b-tree segments a bulk load leaves behind (fewer lookups per query), a
   * bounded step at a time: each step is a short write, so publishing goes on meanwhile
   * ('optimize' would hold the write lock for the whole merge, past the busy timeout).
   */
  async optimize(db) {
    for (let step = 0; step < MAX_MERGE_STEPS; step++) {
      const before = await sql<{ n: number }>`select total_changes() as n`.execute(db);
      await sql`insert into search_fts (search_fts, rank) values ('merge', ${-MERGE_PAGES_PER_STEP})`.execute(db);
      const after = await sql<{ n: number }>`select total_changes() as n`.execute(db);
      // FTS5's documented signal: a merge step that changed (almost) nothing found nothing to merge.
      if (Number(after.rows[0]!.n) - Number(before.rows[0]!.n) < 2) return;
    }
  },
};
