import type { Kysely } from 'kysely';

/*
 * Public forms' defences: the installation's signing secret, tokens already used, fingerprints of recent submissions.
 */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
