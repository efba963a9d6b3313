/** Projects and procurement notices. Row types as stored: snake_case, ISO-8601 text times, 'YYYY-MM-DD' days, whole đồng. */
import type { ColumnType, Generated } from 'kysely';

/** A 64-bit integer: pg hands it back as text, SQLite as a number; read it with Number(). */
type Money = ColumnType<number | string | null, number | null, number | null>;

export interface ProjectsTable {
  id: string;
  site_id: string;
  /** 'project' | 'tender' | 'purchase' */
  kind: string;
  name: string;
  slug: string;
  owner: Generated<string>;
  budget: Money;
  funding_source: Generated<string>;
  location: Generated<string>;
  starts_on: string | null;
  ends_on: string | null;
  closes_at: string | null;
  dated_on: string;
  /** As declared; see effectiveProjectStatus for what readers see. */
  status: string;
  winner: Generated<string>;
  winning_price: Money;
  description_html: Generated<string>;
  folded_text: Generated<string>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectAttachmentsTable {
  project_id: string;
  media_id: string;
  position: Generated<number>;
}

export interface ProjectRevisionsTable {
  id: string;
  project_id: string;
  number: number;
  author_id: string | null;
  /** JSON of ProjectSnapshot. */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    projects: ProjectsTable;
    project_attachments: ProjectAttachmentsTable;
    project_revisions: ProjectRevisionsTable;
  }
}
