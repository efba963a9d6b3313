import type { Kysely } from 'kysely';

/*
 * Public services (Dịch vụ công): the administrative procedures (thủ tục hành chính) a
 * site lists by lĩnh vực, the site's managed list of those fields, each procedure's
 * ordered thành phần hồ sơ, attached forms (media library files) and a revision per save.
 * Times are ISO-8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedure_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** The URL word of the list filter (?field=viec-lam). */
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedure_fields_site_slug_unique', ['site_id', 'slug'])
    .execute();

  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** Mã thủ tục as written ("1.001234.000.00.00.H34"); '' when the procedure has none. */
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    /** The code lower-cased, or NULL without a code: unique per site (NULLs never collide on either engine). */
    .addColumn('code_key', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    /** Lĩnh vực. */
    .addColumn('field_id', 'text', (c) => c.references('procedure_fields.id').onDelete('set null'))
    /** Cấp thực hiện: province | district | commune. */
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('province'))
    /** Cơ quan thực hiện. */
    .addColumn('agency', 'text', (c) => c.notNull().defaultTo(''))
    /** Cách thức thực hiện (plain text, lines kept). */
    .addColumn('methods', 'text', (c) => c.notNull().defaultTo(''))
    /** Trình tự thực hiện, sanitised like an article body. */
    .addColumn('steps_html', 'text', (c) => c.notNull().defaultTo(''))
    /** Thời hạn giải quyết as written ("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"). */
    .addColumn('time_limit', 'text', (c) => c.notNull().defaultTo(''))
    /** The same in working days, when staff give it: for sorting and filtering. */
    .addColumn('time_limit_days', 'integer')
    /** Phí, lệ phí as written ("Không" allowed). */
    .addColumn('fee', 'text', (c) => c.notNull().defaultTo(''))
    /** Kết quả thực hiện. */
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    /** Căn cứ pháp lý (plain text; citations become links at render time). */
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    /** Mức độ dịch vụ công trực tuyến: full (toàn trình) | partial (một phần). */
    .addColumn('online_level', 'text', (c) => c.notNull().defaultTo('partial'))
    /** The procedure's page on the national public service portal (https only). */
    .addColumn('portal_url', 'text', (c) => c.notNull().defaultTo(''))
    /** Code, name, agency and documents folded: the list's word filter. */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedures_site_slug_unique', ['site_id', 'slug'])
    .addUniqueConstraint('procedures_site_code_unique', ['site_id', 'code_key'])
    .execute();
  await db.schema.createIndex('procedures_site_list_idx').on('procedures').columns(['site_id', 'publication', 'field_id']).execute();

  /** Thành phần hồ sơ: one row per document, in order. */
  await db.schema
    .createTable('procedure_documents')
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Số bản chính (0: not stated). */
    .addColumn('originals', 'integer', (c) => c.notNull().defaultTo(0))
    /** Số bản sao (0: not stated). */
    .addColumn('copies', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('procedure_documents_pkey', ['procedure_id', 'position'])
    .execute();

  await db.schema
    .createTable('procedure_attachments')
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    /** A document of the site's media library (mẫu đơn, tờ khai); deleting the file detaches it. */
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('procedure_attachments_pkey', ['procedure_id', 'media_id'])
    .execute();
  await db.schema.createIndex('procedure_attachments_media_idx').on('procedure_attachments').column('media_id').execute();

  await db.schema
    .createTable('procedure_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    /** 1, 2, 3… per procedure. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON of the editable fields as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedure_revisions_number_unique', ['procedure_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['procedure_revisions', 'procedure_attachments', 'procedure_documents', 'procedures', 'procedure_fields']) {
    await db.schema.dropTable(table).execute();
  }
}
