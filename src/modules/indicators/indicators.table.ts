/** Indicators (chỉ tiêu) and their values. Row types as stored: snake_case, ISO-8601 text times. */
import type { Generated } from 'kysely';

export interface IndicatorsTable {
  id: string;
  site_id: string;
  slug: string;
  name: string;
  /** foldVietnamese(name): the public list's order. */
  name_key: Generated<string>;
  /** Đơn vị tính: 'người', '%', 'hộ'… */
  unit: Generated<string>;
  description: Generated<string>;
  /** Name, unit, description and districts, folded: the list's word filter. */
  folded_text: Generated<string>;
  /** 'year' | 'quarter' */
  period_kind: Generated<string>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorValuesTable {
  indicator_id: string;
  /** 'YYYY' or 'YYYY-Qn'. */
  period: string;
  /** '' = the whole province or agency. */
  district: Generated<string>;
  target: number | null;
  result: number | null;
  note: Generated<string>;
}

export interface IndicatorRevisionsTable {
  id: string;
  indicator_id: string;
  number: number;
  author_id: string | null;
  /** JSON of IndicatorSnapshot: the fields and every row as saved. */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    indicators: IndicatorsTable;
    indicator_values: IndicatorValuesTable;
    indicator_revisions: IndicatorRevisionsTable;
  }
}
