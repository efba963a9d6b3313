/** The agencies served by this installation. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */
import type { Generated } from 'kysely';

export interface SitesTable {
  id: string;
  parent_id: string | null;
  /** Host name that selects this site (lower case, no port). */
  host: string;
  /** Canonical origin for absolute links (scheme://host[:port]); '' until set. */
  origin: Generated<string>;
  is_default: number;
  name: string;
  governing_body: string;
  english_name: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  responsible_person: string;
  licence: string;
  logo_media_id: string | null;
  visit_count: Generated<number>;
  /** Raised by every write that changes what the site's public pages show. */
  content_version: Generated<number>;
  /** Comma list of language codes, Vietnamese first: 'vi' or 'vi,en'. */
  languages: Generated<string>;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    sites: SitesTable;
  }
}
