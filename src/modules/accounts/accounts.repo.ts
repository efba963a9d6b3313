import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { ApiTokensTable, MembershipsTable, SessionsTable, UsersTable } from './accounts.table.js';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRole(db: Kysely<Database>, input: { userId: string; siteId: string }): Promise<string | null> {
  const row = await db.selectFrom('memberships').select('role').where('user_id', '=', input.userId).where('site_id', '=', input.siteId).executeTakeFirst();
  return row?.role ?? null;
}

export async function upsertMembership(db: Kysely<Database>, row: MembershipsTable): Promise<void> {
  await db
    .insertInto('memberships')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'site_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export function findMembers(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.disabled_at', 'users.totp_enabled_at', 'users.is_super_admin', 'memberships.role', 'memberships.created_at'])
    .where('memberships.site_id', '=', siteId)
    .orderBy('users.display_name')
    .execute();
}

export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findMemberSiteIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('site_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.site_id);
}
