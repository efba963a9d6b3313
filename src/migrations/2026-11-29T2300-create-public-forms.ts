import type { Kysely } from 'kysely';

/*
 * Public forms' defences: the installation's signing secret, tokens already used, fingerprints of recent submissions.
 * Installation-wide (no site): every app instance on one database signs and checks with the same secret.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('form_secrets')
    /** 'form-token': one row per purpose, inserted on first use. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** 32 random bytes, base64url. */
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('form_used_tokens')
    /** The token's random nonce: a token is accepted once. */
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    /** When the token expires anyway: the row can be swept after it. ISO-8601 UTC. */
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('form_used_tokens_expires_idx').on('form_used_tokens').column('expires_at').execute();

  await db.schema
    .createTable('form_fingerprints')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    /** sha256 hex of the submission's folded text: no citizen text is kept here. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    /** When it was last accepted. ISO-8601 UTC. */
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_fingerprints_pk', ['site_id', 'form', 'fingerprint'])
    .execute();
  await db.schema.createIndex('form_fingerprints_accepted_idx').on('form_fingerprints').column('accepted_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('form_fingerprints').ifExists().execute();
  await db.schema.dropTable('form_used_tokens').ifExists().execute();
  await db.schema.dropTable('form_secrets').ifExists().execute();
}
