/** The category tree of each site. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */

export interface CategoriesTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  slug: string;
  path: string;
  name: string;
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
