import type { Kysely } from 'kysely';

/*
 * Agency information: organisation units (a tree), officials, the agency's profile.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
