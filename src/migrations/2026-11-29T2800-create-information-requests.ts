import type { Kysely } from 'kysely';

/*
 * Access to information: the list of information made public, and citizens' requests.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
