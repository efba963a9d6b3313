/** Timed work, claimed by one instance at a time (see job-runner.ts). */

export interface JobsTable {
  id: string;
  name: string;
  key: string;
  payload: string;
  run_at: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../db/database.js' {
  interface Database {
    jobs: JobsTable;
  }
}
