import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/** Rows per statement: far below SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Adds each delta to a counter column atomically (never read-modify-write) and returns
 * the new totals: one statement per thousand rows, in SQL both engines accept
 * (a CTE of VALUES with explicit casts, since PostgreSQL cannot type bare parameters there).
 */
async function addToCounters(db: Kysely<Database>, target: { table: 'articles' | 'sites'; column: 'view_count' | 'visit_count' }, deltas: Map<string, number>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const entries = [...deltas];
  const column = sql.ref(target.column);
  for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
    const rows = entries.slice(start, start + ROWS_PER_STATEMENT).map(([id, delta]) => sql`(cast(${id} as text), cast(${delta} as bigint))`);
    const result = await sql<{ id: string; total: number | string }>`
      with deltas(id, delta) as (values ${sql.join(rows)})
      update ${sql.table(target.table)}
      set ${column} = ${column} + (select delta from deltas where deltas.id = ${sql.table(target.table)}.id)
      where id in (select id from deltas)
      returning id, ${column} as total`.execute(db);
    for (const row of result.rows) totals.set(row.id, Number(row.total));
  }
  return totals;
}

export function addArticleViews(db: Kysely<Database>, deltas: Map<string, number>): Promise<Map<string, number>> {
  return addToCounters(db, { table: 'articles', column: 'view_count' }, deltas);
}

export function addSiteVisits(db: Kysely<Database>, deltas: Map<string, number>): Promise<Map<string, number>> {
  return addToCounters(db, { table: 'sites', column: 'visit_count' }, deltas);
}
