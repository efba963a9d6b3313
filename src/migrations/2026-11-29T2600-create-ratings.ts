import type { Kysely } from 'kysely';

/*
 * Readers' satisfaction ratings of pages.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
