/**
 * Agency information: organisation units, leaders and contact officials, the agency profile. Other modules reach this one only through this file; app.ts registers the public
 * pages from agency.routes.ts, so this file pulls in no route.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchSource } from '../search/index.js';

export const agencySearchSource: SearchSource = {
  type: 'agency',
  label: 'Cơ quan',
  // eslint-disable-next-line require-yield
  async *listRecords() {},
};

/** The demo agency's content of this module; returns how many items it wrote. */
export async function seedDemoAgency(_db: Kysely<Database>, _input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  return 0;
}
