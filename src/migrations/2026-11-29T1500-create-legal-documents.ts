import type { Kysely } from 'kysely';

/*
 * The legal documents registry (Văn bản): documents with their number, type, issuer,
 * dates and status, the site's managed lists of types and fields (lĩnh vực), attached
 * files, related documents and a revision per save. Dates of a document (issued,
 * effective, expires) are calendar days as 'YYYY-MM-DD' text; times are ISO-8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['document_types', 'document_fields']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      /** The URL word of the list filter (?loai=nghi-dinh). */
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint(`${table}_site_slug_unique`, ['site_id', 'slug'])
      .execute();
  }

  await db.schema
    .createTable('legal_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** Số ký hiệu as staff typed it (NFC): "20/2021/NĐ-CP". */
    .addColumn('number', 'text', (c) => c.notNull())
    /** The normalised number (document-numbers.ts): "20/2021/nd-cp"; what lookups and citations compare. */
    .addColumn('number_key', 'text', (c) => c.notNull())
    /** What makes a number unique on the site: number_key, plus '@' and the year of issue for a number without a year ("123/kh-ubnd@2024"). */
    .addColumn('number_identity', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('type_id', 'text', (c) => c.notNull().references('document_types.id'))
    /** Cơ quan ban hành. */
    .addColumn('issuer', 'text', (c) => c.notNull().defaultTo(''))
    /** Người ký. */
    .addColumn('signer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issued_on', 'text')
    .addColumn('effective_on', 'text')
    /** Ngày hết hiệu lực: from this day on the document is no longer in force. */
    .addColumn('expires_on', 'text')
    /** in_force | expired (declared by staff) | replaced (exactly when replaced_by_id is set); a passed expires_on also reads as expired. */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_force'))
    .addColumn('replaced_by_id', 'text', (c) => c.references('legal_documents.id').onDelete('set null'))
    /** Lĩnh vực. */
    .addColumn('field_id', 'text', (c) => c.references('document_fields.id').onDelete('set null'))
    /** Trích yếu. */
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    /** Optional full text, sanitised like an article body. */
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    /** Number, summary, issuer and signer folded (no diacritics, đ→d, lower case): the list's word filter. */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('legal_documents_site_slug_unique', ['site_id', 'slug'])
    .addUniqueConstraint('legal_documents_site_number_unique', ['site_id', 'number_identity'])
    .execute();
  await db.schema.createIndex('legal_documents_site_key_idx').on('legal_documents').columns(['site_id', 'number_key']).execute();
  await db.schema.createIndex('legal_documents_site_list_idx').on('legal_documents').columns(['site_id', 'publication', 'issued_on']).execute();
  await db.schema.createIndex('legal_documents_replaced_by_idx').on('legal_documents').column('replaced_by_id').execute();

  await db.schema
    .createTable('legal_document_attachments')
    .addColumn('document_id', 'text', (c) => c.notNull().references('legal_documents.id').onDelete('cascade'))
    /** A document of the site's media library (kind 'document'); deleting the file detaches it. */
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('legal_document_attachments_pkey', ['document_id', 'media_id'])
    .execute();
  await db.schema.createIndex('legal_document_attachments_media_idx').on('legal_document_attachments').column('media_id').execute();

  /** One row per direction: relating A and B writes (A, B) and (B, A). */
  await db.schema
    .createTable('legal_document_relations')
    .addColumn('document_id', 'text', (c) => c.notNull().references('legal_documents.id').onDelete('cascade'))
    .addColumn('related_id', 'text', (c) => c.notNull().references('legal_documents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('legal_document_relations_pkey', ['document_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('legal_document_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('legal_documents.id').onDelete('cascade'))
    /** 1, 2, 3… per document. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON of the editable fields as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('legal_document_revisions_number_unique', ['document_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['legal_document_revisions', 'legal_document_relations', 'legal_document_attachments', 'legal_documents', 'document_fields', 'document_types']) {
    await db.schema.dropTable(table).execute();
  }
}
