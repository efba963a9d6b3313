import type { Kysely } from 'kysely';

/*
 * Timed work (scheduled publishing, later reminders and clean-ups) as rows, claimed by one
 * instance at a time: several instances on PostgreSQL never run a job twice, and a job
 * survives a restart.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Handler name, e.g. 'publish-due'. */
    .addColumn('name', 'text', (c) => c.notNull())
    /** Scheduling the same key again moves the job instead of adding a second one. */
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    /** pending → running → done, or back to pending with a later run_at after a failure, or failed. */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    /** A running job whose lease passed (its instance died) is claimed again. */
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
