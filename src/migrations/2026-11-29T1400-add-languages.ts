import type { Kysely } from 'kysely';

/*
 * English beside Vietnamese (Nghị định 42/2022: key information also in English). A site
 * lists its languages ('vi' or 'vi,en'; Vietnamese is always first and always on); an
 * article is written in one language and may be the translation of another article of the
 * site; a category keeps one place in the tree and gets an English name beside its own.
 * Existing sites stay Vietnamese only until an admin turns English on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  /** Comma list of language codes, Vietnamese first: 'vi' or 'vi,en'. */
  await db.schema.alterTable('sites').addColumn('languages', 'text', (c) => c.notNull().defaultTo('vi')).execute();
  /** 'vi' | 'en': the language the article is written in (it decides its URL: /en/… for English). */
  await db.schema.alterTable('articles').addColumn('language', 'text', (c) => c.notNull().defaultTo('vi')).execute();
  /** The id of the article this one translates (an English article of a Vietnamese one); null otherwise. */
  await db.schema.alterTable('articles').addColumn('translation_of', 'text').execute();
  /** The English name shown on /en/ pages; '' means "use the Vietnamese name". */
  await db.schema.alterTable('categories').addColumn('name_en', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('articles_translation_of_idx').on('articles').column('translation_of').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_translation_of_idx').execute();
  await db.schema.alterTable('categories').dropColumn('name_en').execute();
  await db.schema.alterTable('articles').dropColumn('translation_of').execute();
  await db.schema.alterTable('articles').dropColumn('language').execute();
  await db.schema.alterTable('sites').dropColumn('languages').execute();
}
