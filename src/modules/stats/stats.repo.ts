import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';

/** Adds each delta atomically (never read-modify-write) and returns the new totals. */
export async function addArticleViews(db: Kysely<Database>, deltas: Map<string, number>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const [articleId, delta] of deltas) {
    const row = await db
      .updateTable('articles')
      .set((eb) => ({ view_count: eb('view_count', '+', delta) }))
      .where('id', '=', articleId)
      .returning('view_count')
      .executeTakeFirst();
    if (row) totals.set(articleId, Number(row.view_count));
  }
  return totals;
}

export async function addSiteVisits(db: Kysely<Database>, deltas: Map<string, number>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const [siteId, delta] of deltas) {
    const row = await db
      .updateTable('sites')
      .set((eb) => ({ visit_count: eb('visit_count', '+', delta) }))
      .where('id', '=', siteId)
      .returning('visit_count')
      .executeTakeFirst();
    if (row) totals.set(siteId, Number(row.visit_count));
  }
  return totals;
}
