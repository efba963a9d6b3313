/**
 * Public services: administrative procedures (thủ tục hành chính) by field. Other modules reach this one only through this file; app.ts registers the public
 * pages from public-services.routes.ts, so this file pulls in no route.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchSource } from '../search/index.js';

export const publicServicesSearchSource: SearchSource = {
  type: 'procedure',
  label: 'Thủ tục hành chính',
  // eslint-disable-next-line require-yield
  async *listRecords() {},
};

/** The demo agency's content of this module; returns how many items it wrote. */
export async function seedDemoPublicServices(_db: Kysely<Database>, _input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  return 0;
}
