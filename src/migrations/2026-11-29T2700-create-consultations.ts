import type { Kysely } from 'kysely';

/*
 * Draft consultations (lấy ý kiến dự thảo) and citizens' comments.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
