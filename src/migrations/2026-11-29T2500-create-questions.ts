import type { Kysely } from 'kysely';

/*
 * Questions and answers (hỏi đáp) from citizens.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
