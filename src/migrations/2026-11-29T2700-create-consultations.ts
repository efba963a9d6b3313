import type { Kysely } from 'kysely';

/*
 * Draft consultations (lấy ý kiến dự thảo) and citizens' comments: the consultation with
 * its opening and closing times, its files (media library documents), a revision per
 * save, the comments (never published one by one; their contact details are erased after
 * the site's retention period) and the per-site retention setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** The unit drafting the document (cơ quan chủ trì soạn thảo). */
    .addColumn('issuing_unit', 'text', (c) => c.notNull().defaultTo(''))
    /** Sanitised rich text: what the draft is about. */
    .addColumn('summary_html', 'text', (c) => c.notNull().defaultTo(''))
    /** ISO-8601 UTC instants; the status (sắp mở, đang lấy ý kiến, đã kết thúc) is computed from them. */
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    /** Set when staff closed it before its date (closes_at then holds that moment). */
    .addColumn('closed_early_at', 'text')
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    /** Báo cáo tiếp thu, giải trình: sanitised rich text, public once report_published_at is set. */
    .addColumn('report_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('report_published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultations_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('consultations_site_closes_idx').on('consultations').columns(['site_id', 'publication', 'closes_at']).execute();

  await db.schema
    .createTable('consultation_attachments')
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('consultation_attachments_pk', ['consultation_id', 'media_id'])
    .execute();

  await db.schema
    .createTable('consultation_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consultation_revisions_number_unique', ['consultation_id', 'number'])
    .execute();

  await db.schema
    .createTable('consultation_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    /** The receipt's code the commenter is shown ("GY-7K3Q-9M2X"). */
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    /** Personal data (erased after retention): name or organisation, e-mail, phone. */
    .addColumn('commenter_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    /** '' | individual | organisation | business | state_agency */
    .addColumn('org_type', 'text', (c) => c.notNull().defaultTo(''))
    /** The article or section the comment is about ("Điều 5"), as typed. */
    .addColumn('section', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    /** Folded section and body: the staff's word filter. */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('personal_erased_at', 'text')
    .execute();
  await db.schema.createIndex('consultation_comments_consultation_idx').on('consultation_comments').columns(['consultation_id', 'received_at']).execute();

  await db.schema
    .createTable('consultation_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    /** Months after a consultation closes before its commenters' contact details are erased. */
    .addColumn('retention_months', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_settings').execute();
  await db.schema.dropTable('consultation_comments').execute();
  await db.schema.dropTable('consultation_revisions').execute();
  await db.schema.dropTable('consultation_attachments').execute();
  await db.schema.dropTable('consultations').execute();
}
