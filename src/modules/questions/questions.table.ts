/** Questions (hỏi đáp) and their topics, settings and answer revisions. Row types as stored. */
import type { Generated } from 'kysely';

export interface QuestionTopicsTable {
  id: string;
  site_id: string;
  slug: string;
  name: string;
  position: Generated<number>;
  created_at: string;
}

export interface QuestionSettingsTable {
  site_id: string;
  answer_days: Generated<number>;
  retention_days: Generated<number>;
  updated_at: string;
}

export interface QuestionsTable {
  id: string;
  site_id: string;
  tracking_code: string;
  topic_id: string | null;
  /** 'new' | 'assigned' | 'answered' | 'rejected' */
  status: Generated<string>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  asker_name: Generated<string>;
  email: Generated<string>;
  phone: Generated<string>;
  display_name: Generated<string>;
  title: string;
  body: string;
  public_title: Generated<string>;
  public_body: Generated<string>;
  answer_html: Generated<string>;
  reject_reason: Generated<string>;
  assignee_id: string | null;
  slug: string | null;
  folded_text: Generated<string>;
  fingerprint: string;
  attachment_path: string | null;
  attachment_name: string | null;
  attachment_type: string | null;
  received_at: string;
  received_day: string;
  due_day: string;
  answered_at: string | null;
  closed_at: string | null;
  published_at: string | null;
  personal_erased_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionRevisionsTable {
  id: string;
  question_id: string;
  number: number;
  author_id: string | null;
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    question_topics: QuestionTopicsTable;
    question_settings: QuestionSettingsTable;
    questions: QuestionsTable;
    question_revisions: QuestionRevisionsTable;
  }
}
