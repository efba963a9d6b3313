import type { Kysely } from 'kysely';

/*
 * Investment projects and procurement notices (dự án, đấu thầu, mua sắm công).
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
