/** Public services' tables. Row types as stored: snake_case, ISO-8601 text times. */
import type { Generated } from 'kysely';

/** A site's lĩnh vực of procedures. */
export interface ProcedureFieldsTable {
  id: string;
  site_id: string;
  name: string;
  slug: string;
  position: Generated<number>;
  created_at: string;
}

export interface ProceduresTable {
  id: string;
  site_id: string;
  /** Mã thủ tục as written, '' when none. */
  code: Generated<string>;
  /** code lower-cased; null without a code. Unique per site. */
  code_key: string | null;
  name: string;
  slug: string;
  field_id: string | null;
  /** 'province' | 'district' | 'commune' */
  level: Generated<string>;
  agency: Generated<string>;
  methods: Generated<string>;
  steps_html: Generated<string>;
  time_limit: Generated<string>;
  time_limit_days: number | null;
  fee: Generated<string>;
  result: Generated<string>;
  legal_basis: Generated<string>;
  /** 'full' | 'partial' */
  online_level: Generated<string>;
  portal_url: Generated<string>;
  folded_text: Generated<string>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProcedureDocumentsTable {
  procedure_id: string;
  position: number;
  name: string;
  originals: Generated<number>;
  copies: Generated<number>;
}

export interface ProcedureAttachmentsTable {
  procedure_id: string;
  media_id: string;
  position: Generated<number>;
}

export interface ProcedureRevisionsTable {
  id: string;
  procedure_id: string;
  number: number;
  author_id: string | null;
  /** JSON of ProcedureSnapshot. */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    procedure_fields: ProcedureFieldsTable;
    procedures: ProceduresTable;
    procedure_documents: ProcedureDocumentsTable;
    procedure_attachments: ProcedureAttachmentsTable;
    procedure_revisions: ProcedureRevisionsTable;
  }
}
