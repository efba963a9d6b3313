/** Agency information. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */
import type { Generated } from 'kysely';

/** One row per site: what the site settings (address, phone, fax, e-mail) do not hold. */
export interface AgencyProfilesTable {
  site_id: string;
  overview_html: Generated<string>;
  overview_en_html: Generated<string>;
  functions_html: Generated<string>;
  functions_en_html: Generated<string>;
  address_en: Generated<string>;
  /** https only. */
  map_url: Generated<string>;
  office_hours: Generated<string>;
  office_hours_en: Generated<string>;
  updated_by: string | null;
  updated_at: string;
}

export interface AgencyUnitsTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  /** UnitKind */
  kind: Generated<string>;
  name: string;
  name_en: Generated<string>;
  slug: string;
  functions_html: Generated<string>;
  functions_en_html: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  position: Generated<number>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgencyOfficialsTable {
  id: string;
  site_id: string;
  unit_id: string | null;
  full_name: string;
  position_title: Generated<string>;
  position_en: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  photo_media_id: string | null;
  fields_in_charge: Generated<string>;
  fields_in_charge_en: Generated<string>;
  is_leader: Generated<number>;
  leader_order: Generated<number>;
  is_contact_point: Generated<number>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgencyRevisionsTable {
  id: string;
  site_id: string;
  /** 'profile' | 'unit' | 'official' */
  target_type: string;
  target_id: string;
  number: number;
  author_id: string | null;
  /** JSON of the editable fields as saved. */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    agency_profiles: AgencyProfilesTable;
    agency_units: AgencyUnitsTable;
    agency_officials: AgencyOfficialsTable;
    agency_revisions: AgencyRevisionsTable;
  }
}
