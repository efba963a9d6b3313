import type { Kysely } from 'kysely';

/*
 * Access to information (Luật Tiếp cận thông tin 2016, Nghị định 13/2018/NĐ-CP): the
 * site's settings (the focal point's contact details, months to keep personal data), the
 * list of information it discloses (danh mục thông tin công khai), and citizens' requests
 * (phiếu yêu cầu) with their tracking code, deadline in working days, extension and answer.
 * The requester's personal data lives only in information_requests and is erased after
 * the retention period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('information_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    /** The focal point (đầu mối cung cấp thông tin): a person or office, shown to the public. */
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_hours', 'text', (c) => c.notNull().defaultTo(''))
    /** Months after a request is closed before the requester's personal data is erased. */
    .addColumn('retention_months', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('information_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    /** An internal path ("/van-ban?type=…") or an https URL. */
    .addColumn('link', 'text', (c) => c.notNull())
    /** 'YYYY-MM-DD': when the information was last brought up to date. */
    .addColumn('updated_day', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('information_items_site_idx').on('information_items').columns(['site_id', 'publication', 'position']).execute();

  await db.schema
    .createTable('information_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** What the requester types to follow the request: "TT-7K3Q-9M2X", unguessable. */
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    /** received | in_progress | extended | answered | refused */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    /** Personal data (erased after retention). */
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    /** Số định danh cá nhân / CCCD: 12 digits. */
    .addColumn('id_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    /** The information asked for and why: the requester's words. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** email | post | office */
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_day', 'text', (c) => c.notNull())
    /** The deadline in force (after an extension, the new one). */
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('first_due_day', 'text', (c) => c.notNull())
    .addColumn('extension_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('extended_at', 'text')
    /** Sanitised rich text. */
    .addColumn('answer_html', 'text', (c) => c.notNull().defaultTo(''))
    /** A document of the media library sent with the answer. */
    .addColumn('answer_media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('refuse_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handler_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('personal_erased_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('information_requests_site_status_idx').on('information_requests').columns(['site_id', 'status', 'due_day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('information_requests').ifExists().execute();
  await db.schema.dropTable('information_items').ifExists().execute();
  await db.schema.dropTable('information_settings').ifExists().execute();
}
