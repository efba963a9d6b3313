import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * The newsroom. A user becomes one person with one login across sites: the foundation's
 * users.site_id and users.role move into memberships (a role per site), and e-mail
 * becomes unique in the whole installation. Accounts that shared an e-mail on several
 * sites are merged into the oldest one, which takes over their memberships and articles.
 *
 * SQLite cannot drop a column that a constraint names, so users is rebuilt (create, copy,
 * drop, rename: the procedure of https://www.sqlite.org/lang_altertable.html#otheralter).
 * The migrator runs SQLite migrations with foreign keys off for that reason, and this
 * migration checks them itself before it ends (a violation rolls everything back).
 */
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** admin | chief_editor | editor | author */
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pkey', ['user_id', 'site_id'])
    .execute();
  await db.schema.createIndex('memberships_site_idx').on('memberships').column('site_id').execute();

  // The oldest account of each e-mail (compared lower-cased) survives a merge.
  const keeper = sql`(select k.id from users k where lower(k.email) = lower(users.email) order by k.created_at, k.id limit 1)`;
  await sql`insert into memberships (user_id, site_id, role, created_at)
    select ${keeper}, site_id, role, created_at from users
    where not exists (select 1 from users e where lower(e.email) = lower(users.email) and e.site_id = users.site_id and (e.created_at < users.created_at or (e.created_at = users.created_at and e.id < users.id)))`.execute(db);
  await sql`update articles set posted_by = (select ${keeper} from users where users.id = articles.posted_by) where posted_by is not null`.execute(db);

  await db.schema
    .createTable('users_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Lower-cased, NFC; the login name. */
    .addColumn('email', 'text', (c) => c.notNull().unique())
    /** Name shown as "Đăng bởi" on articles. */
    .addColumn('display_name', 'text', (c) => c.notNull())
    /** argon2id PHC string; null until a password is set (the account cannot log in). */
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    /** Super-admins run every site of the installation (operators). */
    .addColumn('is_super_admin', 'integer', (c) => c.notNull().defaultTo(0))
    /** Set when an admin disables the account: no login, sessions and tokens end. */
    .addColumn('disabled_at', 'text')
    /** Base32 TOTP secret; totp_enabled_at is set once the user proved a code from it. */
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into users_new (id, email, display_name, password_hash, created_at, updated_at)
    select id, lower(email), display_name, password_hash, created_at, created_at from users u
    where u.id = (select k.id from users k where lower(k.email) = lower(u.email) order by k.created_at, k.id limit 1)`.execute(db);
  // PostgreSQL refuses to drop a table that foreign keys point at: cascade drops those
  // constraints (not rows), and they are added again against the new table.
  await (isPostgres(db) ? db.schema.dropTable('users').cascade() : db.schema.dropTable('users')).execute();
  await db.schema.alterTable('users_new').renameTo('users').execute();
  if (isPostgres(db)) {
    await sql`alter table articles drop constraint if exists articles_posted_by_fkey`.execute(db);
    await sql`alter table articles add constraint articles_posted_by_fkey foreign key (posted_by) references users (id)`.execute(db);
    await sql`alter table memberships drop constraint if exists memberships_user_id_fkey`.execute(db);
    await sql`alter table memberships add constraint memberships_user_id_fkey foreign key (user_id) references users (id) on delete cascade`.execute(db);
  }

  await db.schema
    .createTable('sessions')
    /** sha256 (hex) of the cookie's token: a database leak gives no usable session. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** 1 after the password when a second factor is still owed: such a session can only finish logging in. */
    .addColumn('is_awaiting_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    /** Absolute end, whatever the activity. */
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** sha256 (hex) of the code; each code works once. */
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pkey', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** sha256 (hex) of the secret; the token itself is shown once. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    /** The first characters, to recognise a token in a list. */
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Null for installation-wide acts (logins, operator commands). */
    .addColumn('site_id', 'text')
    /** Null for a visitor or an unknown account (a failed login). No foreign key: the log outlives what it names. */
    .addColumn('actor_id', 'text')
    /** Who acted, as they were called then (e-mail), or the CLI. */
    .addColumn('actor_label', 'text', (c) => c.notNull())
    /** Dotted verb: login.failed, article.published, member.added… */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull().defaultTo(''))
    /** What was acted on; for logins, the e-mail that was tried. */
    .addColumn('target_id', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON object of details (a return comment, a forced-publish reason…). */
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_site_time_idx').on('audit_log').columns(['site_id', 'created_at']).execute();
  // The login limits count recent failures per account and per address.
  await db.schema.createIndex('audit_log_action_target_idx').on('audit_log').columns(['action', 'target_id', 'created_at']).execute();
  await db.schema.createIndex('audit_log_action_ip_idx').on('audit_log').columns(['action', 'ip', 'created_at']).execute();

  await db.schema.alterTable('articles').addColumn('seo_description', 'text', (c) => c.notNull().defaultTo('')).execute();
  /** The last return comment of an editor or the chief editor. */
  await db.schema.alterTable('articles').addColumn('review_comment', 'text', (c) => c.notNull().defaultTo('')).execute();
  /** A published article's edit in progress: its content is in this revision, not yet public. */
  await db.schema.alterTable('articles').addColumn('pending_revision_id', 'text').execute();
  /** The workflow state of that edit: draft | submitted | returned (null without one). */
  await db.schema.alterTable('articles').addColumn('pending_status', 'text').execute();
  /** 1 after a chief editor forced the publication of their own article: a second person should look. */
  await db.schema.alterTable('articles').addColumn('needs_second_look', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_site_status_idx').on('articles').columns(['site_id', 'status', 'updated_at']).execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    /** 1, 2, 3… per article. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    /** JSON of the editable fields as saved (title, lead, body, byline, categories, tags, cover, gallery…). */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_number_unique', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    /** The slug of the tag (its URL word). */
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pkey', ['article_id', 'slug'])
    .execute();
  await db.schema.createIndex('article_tags_slug_idx').on('article_tags').column('slug').execute();

  /** Categories besides the article's main one (whose path is in its URL). */
  await db.schema
    .createTable('article_categories')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_categories_pkey', ['article_id', 'category_id'])
    .execute();
  await db.schema.createIndex('article_categories_category_idx').on('article_categories').column('category_id').execute();

  /** The name the file had on the uploader's disk: shown and offered on download, never used as a path. */
  await db.schema.alterTable('media').addColumn('original_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'text').execute();

  if (!isPostgres(db)) {
    const violations = await sql`pragma foreign_key_check`.execute(db);
    if (violations.rows.length > 0) throw new Error(`foreign keys broken after rebuilding users: ${JSON.stringify(violations.rows.slice(0, 5))}`);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['article_categories', 'article_tags', 'article_revisions', 'audit_log', 'api_tokens', 'recovery_codes', 'sessions']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_site_status_idx').execute();
  for (const column of ['seo_description', 'review_comment', 'pending_revision_id', 'pending_status', 'needs_second_look']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
  for (const column of ['original_name', 'uploaded_by']) await db.schema.alterTable('media').dropColumn(column).execute();
  // Back to one site and one role per account: each membership becomes an account row.
  await db.schema
    .createTable('users_old')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_site_email_unique', ['site_id', 'email'])
    .execute();
  await sql`insert into users_old (id, site_id, email, display_name, role, password_hash, created_at)
    select u.id, m.site_id, u.email, u.display_name, m.role, u.password_hash, u.created_at
    from users u join memberships m on m.user_id = u.id
    where m.site_id = (select min(m2.site_id) from memberships m2 where m2.user_id = u.id)`.execute(db);
  await db.schema.dropTable('memberships').execute();
  await sql`update articles set posted_by = null where posted_by not in (select id from users_old)`.execute(db);
  await (isPostgres(db) ? db.schema.dropTable('users').cascade() : db.schema.dropTable('users')).execute();
  await db.schema.alterTable('users_old').renameTo('users').execute();
  if (isPostgres(db)) {
    await sql`alter table articles drop constraint if exists articles_posted_by_fkey`.execute(db);
    await sql`alter table articles add constraint articles_posted_by_fkey foreign key (posted_by) references users (id)`.execute(db);
  }
}
