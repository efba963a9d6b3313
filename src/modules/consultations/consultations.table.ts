/** Draft consultations, their files, revisions, comments and settings. Row types as stored. */
import type { Generated } from 'kysely';

export interface ConsultationsTable {
  id: string;
  site_id: string;
  slug: string;
  title: string;
  issuing_unit: Generated<string>;
  summary_html: Generated<string>;
  opens_at: string;
  closes_at: string;
  closed_early_at: string | null;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  report_html: Generated<string>;
  report_published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsultationAttachmentsTable {
  consultation_id: string;
  media_id: string;
  position: Generated<number>;
}

export interface ConsultationRevisionsTable {
  id: string;
  consultation_id: string;
  number: number;
  author_id: string | null;
  /** JSON of the saved fields and attached media ids. */
  snapshot: string;
  created_at: string;
}

export interface ConsultationCommentsTable {
  id: string;
  site_id: string;
  consultation_id: string;
  receipt_code: string;
  commenter_name: Generated<string>;
  email: Generated<string>;
  phone: Generated<string>;
  org_type: Generated<string>;
  section: Generated<string>;
  body: string;
  folded_text: Generated<string>;
  received_at: string;
  personal_erased_at: string | null;
}

export interface ConsultationSettingsTable {
  site_id: string;
  retention_months: Generated<number>;
  updated_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    consultations: ConsultationsTable;
    consultation_attachments: ConsultationAttachmentsTable;
    consultation_revisions: ConsultationRevisionsTable;
    consultation_comments: ConsultationCommentsTable;
    consultation_settings: ConsultationSettingsTable;
  }
}
