import type { Kysely } from 'kysely';

/*
 * Questions and answers (hỏi đáp) from citizens: the site's topics (lĩnh vực), its
 * settings (days to answer, months to keep personal data), the questions with their
 * tracking code, deadline and answer, and a revision per saved answer. The asker's
 * contact details live only here and are erased after the retention period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('question_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('question_topics_site_slug_unique', ['site_id', 'slug'])
    .execute();

  await db.schema
    .createTable('question_settings')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    /** Working days to answer a question (thời hạn trả lời). */
    .addColumn('answer_days', 'integer', (c) => c.notNull().defaultTo(15))
    /** Days after a question is closed before the asker's personal data is erased (730 ≈ 24 months). */
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(730))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** What the asker types to follow their question: "HD-7K3Q-9M2X", unguessable. */
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('topic_id', 'text', (c) => c.references('question_topics.id').onDelete('set null'))
    /** new | assigned | answered | rejected */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    /** draft | published | unpublished: whether the public sees the Q&A. */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    /** Personal data (erased after retention): name, e-mail, phone. */
    .addColumn('asker_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    /** The name shown publicly when the asker chose one; '' = "Công dân". */
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    /** As the asker wrote them: kept even when staff edit the published wording. */
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** The wording published (personal details removed by staff). */
    .addColumn('public_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('public_body', 'text', (c) => c.notNull().defaultTo(''))
    /** Sanitised rich text. */
    .addColumn('answer_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reject_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('slug', 'text')
    /** Folded published words: the public list's word filter. */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    /** Hash of the normalised content: the same question sent twice is one question. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    /** The private attachment (never in the media library): path under the media dir. */
    .addColumn('attachment_path', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_type', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    /** 'YYYY-MM-DD' in Vietnam. */
    .addColumn('received_day', 'text', (c) => c.notNull())
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('personal_erased_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questions_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('questions_site_status_idx').on('questions').columns(['site_id', 'status', 'due_day']).execute();
  await db.schema.createIndex('questions_site_public_idx').on('questions').columns(['site_id', 'publication', 'answered_at']).execute();
  await db.schema.createIndex('questions_fingerprint_idx').on('questions').columns(['site_id', 'fingerprint']).execute();

  await db.schema
    .createTable('question_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON: { publicTitle, publicBody, answerHtml } as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('question_revisions_number_unique', ['question_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('question_revisions').execute();
  await db.schema.dropTable('questions').execute();
  await db.schema.dropTable('question_settings').execute();
  await db.schema.dropTable('question_topics').execute();
}
