import type { Kysely } from 'kysely';

/*
 * The leaders' weekly work schedule (lịch công tác).
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
