/** Staff accounts (the newsroom builds on them). Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */

export interface UsersTable {
  id: string;
  site_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    users: UsersTable;
  }
}
