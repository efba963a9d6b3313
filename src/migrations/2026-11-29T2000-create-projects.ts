import type { Kysely } from 'kysely';

/*
 * Investment projects and procurement notices (dự án, đấu thầu, mua sắm công): one table
 * of items with a kind (project, tender, purchase), their attached files and a revision
 * per save. Calendar days are 'YYYY-MM-DD' text; instants (a tender's closing time, row
 * times) are ISO-8601 UTC text; sums of money are whole đồng in a 64-bit integer (a
 * province's project passes 2^31 đồng easily).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** project (dự án đầu tư) | tender (thông báo mời thầu, kết quả lựa chọn nhà thầu) | purchase (mua sắm công). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** URL word under /du-an-dau-thau/. */
    .addColumn('slug', 'text', (c) => c.notNull())
    /** Chủ đầu tư, bên mời thầu or the buying unit. */
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    /** Tổng mức đầu tư, giá gói thầu or dự toán, in đồng; null when not announced. */
    .addColumn('budget', 'bigint')
    /** Nguồn vốn. */
    .addColumn('funding_source', 'text', (c) => c.notNull().defaultTo(''))
    /** Địa điểm. */
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    /** Start day: khởi công, or for a tender the day the bidding documents are issued. */
    .addColumn('starts_on', 'text')
    /** End day of a project or purchase (planned or actual). */
    .addColumn('ends_on', 'text')
    /** A tender's closing time (thời điểm đóng thầu), an instant. */
    .addColumn('closes_at', 'text')
    /** The day the public list sorts and filters by year: starts_on, else the closing day, else the creation day. */
    .addColumn('dated_on', 'text', (c) => c.notNull())
    /** As declared by staff; a tender still 'open' after closes_at reads as 'closed' (projects.rules.ts). */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Nhà thầu trúng thầu and giá trúng thầu (đồng) of a tender with a result. */
    .addColumn('winner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('winning_price', 'bigint')
    /** Sanitised rich text. */
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    /** Name, owner, location, funding source and winner folded (no diacritics, đ→d): the list's word filter. */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('projects_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('projects_site_list_idx').on('projects').columns(['site_id', 'publication', 'dated_on']).execute();

  await db.schema
    .createTable('project_attachments')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    /** A document of the site's media library (kind 'document'); deleting the file detaches it. */
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('project_attachments_pkey', ['project_id', 'media_id'])
    .execute();
  await db.schema.createIndex('project_attachments_media_idx').on('project_attachments').column('media_id').execute();

  await db.schema
    .createTable('project_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    /** 1, 2, 3… per item. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON of the editable fields and attachments as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_revisions_number_unique', ['project_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['project_revisions', 'project_attachments', 'projects']) await db.schema.dropTable(table).execute();
}
