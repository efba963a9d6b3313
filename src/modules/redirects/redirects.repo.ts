import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RedirectsTable } from './redirects.table.js';

export type RedirectRow = Selectable<RedirectsTable>;

export async function deleteRedirectFrom(db: Kysely<Database>, input: { siteId: string; fromPath: string }): Promise<void> {
  await db.deleteFrom('redirects').where('site_id', '=', input.siteId).where('from_path', '=', input.fromPath).execute();
}

export async function updateRedirectTargets(db: Kysely<Database>, input: { siteId: string; oldTarget: string; newTarget: string }): Promise<void> {
  await db.updateTable('redirects').set({ to_path: input.newTarget }).where('site_id', '=', input.siteId).where('to_path', '=', input.oldTarget).execute();
}

/** Insert, or point an existing row of the same from_path at the new target. */
export async function upsertRedirect(db: Kysely<Database>, row: RedirectRow): Promise<void> {
  await db
    .insertInto('redirects')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'from_path']).doUpdateSet({ to_path: row.to_path, created_at: row.created_at }))
    .execute();
}

/** The row among `fromPaths` with the longest from_path, if any. */
export async function findLongestRedirectFrom(db: Kysely<Database>, input: { siteId: string; fromPaths: string[] }): Promise<RedirectRow | undefined> {
  if (input.fromPaths.length === 0) return undefined;
  return db
    .selectFrom('redirects')
    .selectAll()
    .where('site_id', '=', input.siteId)
    .where('from_path', 'in', input.fromPaths)
    .orderBy(sql`length(from_path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}
