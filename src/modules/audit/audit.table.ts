/** Who did what, when and from where. Row types as stored: snake_case, ISO-8601 text times. */

export interface AuditLogTable {
  id: string;
  site_id: string | null;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON object. */
  detail: string;
  ip: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    audit_log: AuditLogTable;
  }
}
