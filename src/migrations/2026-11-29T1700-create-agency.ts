import type { Kysely } from 'kysely';

/*
 * Agency information (issue 8): the agency's profile (one row per site: overview,
 * functions and tasks, English address, map link, office hours; address, phones and
 * e-mail stay site settings), its organisation units as a tree, its officials (leaders
 * and contact officials), and a revision per save of any of them. Times are ISO-8601
 * UTC text, booleans 0/1 integers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency_profiles')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    /** Giới thiệu chung: sanitised rich text, and its English version ('' = none). */
    .addColumn('overview_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('overview_en_html', 'text', (c) => c.notNull().defaultTo(''))
    /** Vị trí, chức năng, nhiệm vụ và quyền hạn: sanitised rich text, and English. */
    .addColumn('functions_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('functions_en_html', 'text', (c) => c.notNull().defaultTo(''))
    /** The site's address as English readers write it; the Vietnamese one is the site setting. */
    .addColumn('address_en', 'text', (c) => c.notNull().defaultTo(''))
    /** An https link to a map of the office ('' = none). */
    .addColumn('map_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_hours', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('office_hours_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agency_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** The unit it belongs to; null for a root (Ban Giám đốc). No cycles (checked by the service). */
    .addColumn('parent_id', 'text', (c) => c.references('agency_units.id').onDelete('set null'))
    /** ban_giam_doc | van_phong | phong_chuyen_mon | don_vi_truc_thuoc | khac */
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('khac'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    /** URL word under /co-cau-to-chuc/. */
    .addColumn('slug', 'text', (c) => c.notNull())
    /** Chức năng, nhiệm vụ: sanitised rich text, and English. */
    .addColumn('functions_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('functions_en_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    /** Order among its siblings: smaller first. */
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agency_units_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('agency_units_site_publication_idx').on('agency_units').columns(['site_id', 'publication']).execute();
  await db.schema.createIndex('agency_units_parent_idx').on('agency_units').column('parent_id').execute();

  await db.schema
    .createTable('agency_officials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.references('agency_units.id').onDelete('set null'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    /** Chức vụ, and English. */
    .addColumn('position_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position_en', 'text', (c) => c.notNull().defaultTo(''))
    /** Office phone and official e-mail: only what the issue lists, nothing private. */
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    /** An image of the site's media library; removing the image removes the photo. */
    .addColumn('photo_media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    /** Lĩnh vực phụ trách (plain text), and English. */
    .addColumn('fields_in_charge', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields_in_charge_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    /** Order on the leaders' page: smaller first. */
    .addColumn('leader_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_contact_point', 'integer', (c) => c.notNull().defaultTo(0))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agency_officials_site_publication_idx').on('agency_officials').columns(['site_id', 'publication']).execute();
  await db.schema.createIndex('agency_officials_unit_idx').on('agency_officials').column('unit_id').execute();
  await db.schema.createIndex('agency_officials_photo_idx').on('agency_officials').column('photo_media_id').execute();

  await db.schema
    .createTable('agency_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** profile | unit | official */
    .addColumn('target_type', 'text', (c) => c.notNull())
    /** The unit's or official's id; the site's id for the profile. */
    .addColumn('target_id', 'text', (c) => c.notNull())
    /** 1, 2, 3… per target. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON of the editable fields as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agency_revisions_number_unique', ['target_type', 'target_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['agency_revisions', 'agency_officials', 'agency_units', 'agency_profiles']) await db.schema.dropTable(table).execute();
}
