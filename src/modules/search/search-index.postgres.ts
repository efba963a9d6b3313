/**
 * PostgreSQL: two tsvector columns on search_records, written with the row, each with a
 * GIN index. The vectors are built here from the words of words.ts (lexemes as given, as
 * the 'simple' configuration keeps them, with positions and weights), so PostgreSQL's
 * parser never decides differently from FTS5 where a word ends. folded_vector is what
 * queries match; exact_vector narrows to the exact-diacritic tier.
 *
 * "The newest N matches" is ORDER BY published_at DESC LIMIT N: the planner walks the
 * (site_id, published_at, id) index for common words and sorts a GIN result for rarer
 * ones; ts_rank_cd then runs on those N rows only. A GIN result must be read in full to
 * be sorted by time, so each folded vector also holds its month ('_m202512', a lexeme no
 * word can be): the query first asks for the last month's matches and stops when they
 * are N; otherwise what that month held tells how many months hold N, and the next
 * window is that wide (with a margin), up to all months (or the whole date range). The
 * heap rows read are about those of N matches, not every match of a word found in one
 * article in ten. A category filter is a lexeme in the same way ('_c…'), so it too narrows the
 * GIN result instead of discarding rows read from the heap. ts_rank_cd then runs on the N found only (scoreMatches).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { toTsExactQuery, toTsQuery } from './query-parser.js';
import { FIELD_WEIGHTS, tagToken, type Match, type MatchQuery, type RecordWords, type SearchEngine, type WordLists } from './search-index.js';

/** PostgreSQL's limits: positions above 16383 count as 16383; 256 positions per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;

/** ts_rank_cd weights in PostgreSQL's order {D, C, B, A}: files C, body B, title A. */
const RANK_WEIGHTS = `{0,${FIELD_WEIGHTS.attachments},${FIELD_WEIGHTS.body},${FIELD_WEIGHTS.title}}`;
/** 1: divides the rank by 1 + log(length), as BM25 favours the shorter of two equal matches. */
const RANK_NORMALIZATION = 1;

function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * tsvector text of fields in order, each with a weight label: 'hoi':1A,5B 'nghi':2A.
 * A gap of one position between fields keeps a phrase from spanning two of them.
 */
export function tsvectorText(fields: { words: string[]; weight: 'A' | 'B' | 'C' }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const field of fields) {
    for (const word of field.words) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(word) ?? [];
      if (list.length === 0) positions.set(word, list);
      const entry = `${position}${field.weight}`;
      if (list.length < MAX_POSITIONS_PER_LEXEME && list.at(-1) !== entry) list.push(entry);
    }
    position = Math.min(position + 1, MAX_POSITION);
  }
  return [...positions].map(([word, list]) => `${lexeme(word)}:${list.join(',')}`).join(' ');
}

/** The widest window named month by month; wider, a query looks in all months. */
const MAX_WINDOW_MONTHS = 24;
/** Matches are not spread evenly over time: a window is made this much wider than the guess. */
const WINDOW_MARGIN = 1.3;
/** Each window is at least this many times the last, so a query runs at most four. */
const MIN_WINDOW_GROWTH = 3;

/**
 * How many months the next window spans, after `months` held `found` (fewer than
 * `limit`) matches; Infinity means all months. Matches so far tell the rate per month.
 */
export function nextWindowMonths(input: { months: number; found: number; limit: number }): number {
  const guess = input.found === 0 ? Infinity : Math.ceil(((input.limit * input.months) / input.found) * WINDOW_MARGIN);
  const next = Math.max(guess, input.months * MIN_WINDOW_GROWTH);
  return next > MAX_WINDOW_MONTHS ? Infinity : next;
}

/** The month lexeme of a publication time: '_m' is not a word (words hold letters and digits only). */
export function monthLexeme(time: number): string {
  const date = new Date(time);
  return `_m${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month lexemes from the one of `end` (exclusive) back `count` months, newest first. */
function monthsBack(end: string, count: number): string[] {
  const last = new Date(Date.parse(end) - 1);
  return Array.from({ length: count }, (_, i) => monthLexeme(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - i, 1)));
}

/** Months a date range covers, when few enough to name them all in the query. */
const MAX_RANGE_MONTHS = 120;

/** The months from `from` to `end` when they are few enough to name, else Infinity. */
function rangeMonthsOf(end: string, from: string | undefined): number {
  return from === undefined ? Infinity : monthsBack(end, MAX_RANGE_MONTHS + 1).indexOf(monthLexeme(Date.parse(from))) + 1 || Infinity;
}

/** The category lexeme ('_c' and a hash of its id: no word can be it). */
export function categoryLexeme(categoryId: string): string {
  return `_${tagToken('c', categoryId)}`;
}

/**
 * A record's vector; the folded one also carries its month and category lexemes, so the
 * GIN index narrows a query by time window and category before any row is read.
 */
function vectorOf(words: RecordWords, form: keyof WordLists, place?: { publishedAt: string; categoryId: string | null | undefined }) {
  const text = tsvectorText([
    { words: words.title[form], weight: 'A' },
    { words: words.body[form], weight: 'B' },
    { words: words.attachments[form], weight: 'C' },
  ]);
  const tags = place ? [monthLexeme(Date.parse(place.publishedAt)), ...(place.categoryId ? [categoryLexeme(place.categoryId)] : [])] : [];
  return sql`${[text, ...tags].filter(Boolean).join(' ')}::tsvector`;
}

function anyOf(lexemes: string[]): string {
  return `( ${lexemes.map((l) => `'${l}'`).join(' | ')} )`;
}

/**
 * A time bound on the rows GIN found, not a reason to read the (site, time) index: the
 * month lexemes already narrow to the window, and a BitmapAnd with every row of the range
 * from that index cost more than it saved. "C" (byte order, which ISO times sort in)
 * keeps the planner from matching the bound to the index's collation.
 */
function timeBound(operator: '<=' | '>=' | '<', value: string) {
  return sql`(r.published_at collate "C") ${sql.raw(operator)} ${value}`;
}

function filtersSql(q: MatchQuery, months: string[] | undefined) {
  const parts = [`( ${toTsQuery(q.query)} )`];
  if (months) parts.push(anyOf(months));
  if (q.categoryIds?.length) parts.push(anyOf(q.categoryIds.map(categoryLexeme)));
  const conditions = [sql`r.site_id = ${q.siteId}`, timeBound('<=', q.publishedUntil), sql`r.folded_vector @@ ${parts.join(' & ')}::tsquery`];
  if (q.isExactOnly) conditions.push(sql`r.exact_vector @@ ${toTsExactQuery(q.query)}::tsquery`);
  if (q.types?.length) conditions.push(sql`r.type in (${sql.join(q.types)})`);
  if (q.language) conditions.push(sql`r.language = ${q.language}`);
  if (q.publishedFrom) conditions.push(timeBound('>=', q.publishedFrom));
  if (q.publishedBefore) conditions.push(timeBound('<', q.publishedBefore));
  return sql.join(conditions, sql` and `);
}

/**
 * The newest q.limit matches within the months (all months when undefined). When the
 * window is the last or holds q.limit matches, they are the answer, and their ts_rank_cd
 * comes with them (for all but the exact tier, which needs none): the vectors are read
 * once, by the rows already found, not again by id. A window that falls short is not
 * ranked, as the next window reads its rows again.
 */
async function findNewest(db: Kysely<Database>, q: MatchQuery, months: string[] | undefined, isLastWindow: boolean): Promise<Match[]> {
  if (q.isExactOnly) {
    const result = await sql<{ id: number; published_at: string }>`
      select r.id, r.published_at from search_records r where ${filtersSql(q, months)}
      order by r.published_at desc, r.id desc limit ${q.limit}`.execute(db);
    return result.rows.map((row) => ({ id: Number(row.id), time: Date.parse(row.published_at) }));
  }
  const result = await sql<{ id: number; published_at: string; relevance: number | null }>`
    with found as materialized (
      select r.id, r.published_at, r.folded_vector from search_records r where ${filtersSql(q, months)}
      order by r.published_at desc, r.id desc limit ${q.limit}
    )
    select id, published_at,
      case when ${isLastWindow} or (select count(*) from found) >= ${q.limit}
        then ts_rank_cd(${RANK_WEIGHTS}::float4[], folded_vector, ${toTsQuery(q.query)}::tsquery, ${RANK_NORMALIZATION}) end as relevance
    from found`.execute(db);
  return result.rows.map((row) => ({ id: Number(row.id), time: Date.parse(row.published_at), ...(row.relevance === null ? {} : { relevance: Number(row.relevance) }) }));
}

export const postgresSearchEngine: SearchEngine = {
  async saveRecord(trx, row, words) {
    const columns = { ...row, folded_vector: vectorOf(words, 'folded', { publishedAt: row.published_at, categoryId: row.category_id }), exact_vector: vectorOf(words, 'exact') };
    const { site_id: _site, type: _type, record_id: _id, ...changes } = columns;
    await trx.insertInto('search_records').values(columns).onConflict((oc) => oc.columns(['site_id', 'type', 'record_id']).doUpdateSet(changes)).execute();
  },

  /**
   * The newest q.limit matches, looked for in windows of months back from the end. The
   * last window is the whole date range (its months named, so GIN narrows to them rather
   * than the planner reading every match of the words), or all months without a bound.
   */
  async findMatches(db, q): Promise<Match[]> {
    const end = q.publishedBefore !== undefined && q.publishedBefore < q.publishedUntil ? q.publishedBefore : q.publishedUntil;
    const rangeMonths = rangeMonthsOf(end, q.publishedFrom);
    let months = 1;
    for (;;) {
      const isLast = months >= rangeMonths;
      const window = !isLast ? monthsBack(end, months) : rangeMonths <= MAX_RANGE_MONTHS ? monthsBack(end, rangeMonths) : undefined;
      const matches = await findNewest(db, q, window, isLast);
      if (matches.length >= q.limit || isLast) return matches;
      months = nextWindowMonths({ months, found: matches.length, limit: q.limit });
    }
  },

  /** ts_rank_cd of matches found without it (findMatches ranks those it answers with). */
  async scoreMatches(db, q, ids) {
    if (ids.length === 0) return new Map();
    const result = await sql<{ id: number; relevance: number }>`
      select r.id, ts_rank_cd(${RANK_WEIGHTS}::float4[], r.folded_vector, ${toTsQuery(q.query)}::tsquery, ${RANK_NORMALIZATION}) as relevance
      from search_records r where r.id in (${sql.join(ids)})`.execute(db);
    return new Map(result.rows.map((row) => [Number(row.id), Number(row.relevance)]));
  },

  async optimize(db) {
    await sql`analyze search_records`.execute(db);
  },
};
