/** The category tree of each site. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */
import type { Generated } from 'kysely';

export interface CategoriesTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  slug: string;
  path: string;
  name: string;
  /** English name for /en/ pages; '' means the Vietnamese name is shown. */
  name_en: Generated<string>;
  description: string;
  position: number;
  is_on_home: number;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    categories: CategoriesTable;
  }
}
