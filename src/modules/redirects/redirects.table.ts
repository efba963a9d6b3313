/** Old paths of a site and where they lead now. Paths as in categories.path: no leading slash. */

export interface RedirectsTable {
  site_id: string;
  /** The old path ('tin-tuc/thong-bao'); pages below it follow with the rest of their path. */
  from_path: string;
  /** Where it is now: always a final target, never another row's from_path. */
  to_path: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    redirects: RedirectsTable;
  }
}
