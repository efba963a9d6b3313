/**
 * What the public reads of questions: only published ones, and of those only the wording
 * staff published, the answer, the topic and the display name the asker chose. Contact
 * details never leave this module's staff functions.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';
import { QuestionNotFoundError } from './questions.errors.js';
import { QUESTIONS_PATH } from './questions.search.js';

export const MAX_QUESTION_PAGE_SIZE = 50;
/** Shown when the asker chose no display name. */
export const ANONYMOUS_ASKER = 'Công dân';

export interface PublicQuestionSummary {
  slug: string;
  url: string;
  title: string;
  topic: { slug: string; name: string } | null;
  askedBy: string;
  receivedAt: string;
  answeredAt: string;
}

export interface PublicQuestion extends PublicQuestionSummary {
  body: string;
  /** Sanitised when saved. */
  answerHtml: string;
}

function published(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('questions as q')
    .leftJoin('question_topics as t', 't.id', 'q.topic_id')
    .where('q.site_id', '=', siteId)
    .where('q.publication', '=', 'published')
    .where('q.slug', 'is not', null);
}

type SummaryRow = { slug: string | null; public_title: string; display_name: string; received_at: string; answered_at: string | null; published_at: string | null; topic_slug: string | null; topic_name: string | null };

function summaryOf(row: SummaryRow): PublicQuestionSummary {
  return {
    slug: row.slug!,
    url: `${QUESTIONS_PATH}/${row.slug}`,
    title: row.public_title,
    topic: row.topic_slug && row.topic_name ? { slug: row.topic_slug, name: row.topic_name } : null,
    askedBy: row.display_name || ANONYMOUS_ASKER,
    receivedAt: row.received_at,
    answeredAt: row.answered_at ?? row.published_at ?? row.received_at,
  };
}

const SUMMARY_COLUMNS = ['q.slug', 'q.public_title', 'q.display_name', 'q.received_at', 'q.answered_at', 'q.published_at', 't.slug as topic_slug', 't.name as topic_name'] as const;

export interface QuestionListFilter {
  siteId: string;
  /** A topic's slug. */
  topic?: string;
  /** Words, matched without diacritics. */
  query?: string;
  page: number;
  pageSize: number;
}

/** Published Q&A, newest answered first. */
export async function listPublishedQuestions(db: Kysely<Database>, filter: QuestionListFilter): Promise<{ items: PublicQuestionSummary[]; total: number; page: number; pageCount: number }> {
  const pageSize = Math.min(MAX_QUESTION_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize) || 20));
  const page = Math.max(1, Math.floor(filter.page) || 1);
  let query = published(db, filter.siteId);
  if (filter.topic) query = query.where('t.slug', '=', filter.topic);
  const words = foldVietnamese(String(filter.query ?? '').slice(0, 200)).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where('q.folded_text', 'like', `%${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select([...SUMMARY_COLUMNS]).orderBy('q.answered_at', 'desc').orderBy('q.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(summaryOf), total: Number(total), page, pageCount: Math.max(1, Math.ceil(Number(total) / pageSize)) };
}

/** One published Q&A. @throws NOT_FOUND for anything else. */
export async function getPublishedQuestion(db: Kysely<Database>, input: { siteId: string; slug: string }): Promise<PublicQuestion> {
  const row = await published(db, input.siteId).select([...SUMMARY_COLUMNS, 'q.public_body', 'q.answer_html']).where('q.slug', '=', input.slug).executeTakeFirst();
  if (!row) throw new QuestionNotFoundError();
  return { ...summaryOf(row), body: row.public_body, answerHtml: row.answer_html };
}
