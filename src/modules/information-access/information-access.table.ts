/** Access to information: the site's settings, its list of public information, and citizens' requests. Row types as stored. */
import type { Generated } from 'kysely';

export interface InformationSettingsTable {
  site_id: string;
  contact_name: Generated<string>;
  contact_position: Generated<string>;
  contact_unit: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  contact_address: Generated<string>;
  contact_hours: Generated<string>;
  retention_months: Generated<number>;
  updated_at: string;
}

export interface InformationItemsTable {
  id: string;
  site_id: string;
  title: string;
  category: Generated<string>;
  link: string;
  updated_day: string;
  position: Generated<number>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface InformationRequestsTable {
  id: string;
  site_id: string;
  tracking_code: string;
  /** 'received' | 'in_progress' | 'extended' | 'answered' | 'refused' */
  status: Generated<string>;
  full_name: Generated<string>;
  id_number: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  content: string;
  purpose: string;
  /** 'email' | 'post' | 'office' */
  delivery: string;
  fingerprint: string;
  received_at: string;
  received_day: string;
  due_day: string;
  first_due_day: string;
  extension_reason: Generated<string>;
  extended_at: string | null;
  answer_html: Generated<string>;
  answer_media_id: string | null;
  refuse_reason: Generated<string>;
  handler_id: string | null;
  answered_at: string | null;
  closed_at: string | null;
  personal_erased_at: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    information_settings: InformationSettingsTable;
    information_items: InformationItemsTable;
    information_requests: InformationRequestsTable;
  }
}
