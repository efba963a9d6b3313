import type { Kysely } from 'kysely';

/*
 * The text of an uploaded document (PDF, DOCX), extracted for search. NULL: never
 * extracted (uploaded before this column; `cong reindex` fills those from the files);
 * '': nothing to extract (an image, another kind of document, an unreadable file).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('text_content', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('text_content').execute();
}
