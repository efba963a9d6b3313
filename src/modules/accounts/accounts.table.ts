/** Staff accounts, their site memberships, sessions and tokens. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */

export interface UsersTable {
  id: string;
  /** Lower-cased NFC; unique in the installation. */
  email: string;
  display_name: string;
  password_hash: string | null;
  password_changed_at: string | null;
  is_super_admin: number;
  disabled_at: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  user_id: string;
  site_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 hex of the cookie token. */
  id: string;
  user_id: string;
  is_awaiting_second_factor: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

declare module '../../platform/db/database.js' {
  interface Database {
    users: UsersTable;
    memberships: MembershipsTable;
    sessions: SessionsTable;
    recovery_codes: RecoveryCodesTable;
    api_tokens: ApiTokensTable;
  }
}
