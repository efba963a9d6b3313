import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SitesTable } from './sites.table.js';

export type SiteRow = Selectable<SitesTable>;

export function findAllSites(db: Kysely<Database>): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().orderBy('created_at').execute();
}

export function findSiteById(db: Kysely<Database>, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSite(db: Kysely<Database>, row: Insertable<SitesTable>): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function countSites(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('sites').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateSiteOrigin(db: Kysely<Database>, input: { id: string; origin: string; updatedAt: string }): Promise<void> {
  await db.updateTable('sites').set({ origin: input.origin, updated_at: input.updatedAt }).where('id', '=', input.id).execute();
}

/** The settings an admin edits on the site settings screen. */
export type SiteSettingsUpdate = Pick<SitesTable, 'name' | 'governing_body' | 'english_name' | 'address' | 'phone' | 'fax' | 'email' | 'responsible_person' | 'licence' | 'logo_media_id'> & { origin: string; /** 'vi' or 'vi,en'; absent keeps the stored one. */ languages?: string };

export async function updateSiteSettingsRow(db: Kysely<Database>, input: { id: string; settings: SiteSettingsUpdate; updatedAt: string }): Promise<void> {
  await db.updateTable('sites').set({ ...input.settings, updated_at: input.updatedAt }).where('id', '=', input.id).execute();
}
