import type { Kysely } from 'kysely';

/*
 * Public holidays per site, for working-day deadlines.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
