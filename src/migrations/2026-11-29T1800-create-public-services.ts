import type { Kysely } from 'kysely';

/*
 * Public services: administrative procedures (thủ tục hành chính) by field.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
