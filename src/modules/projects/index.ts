/**
 * Investment projects and procurement notices (dự án, đấu thầu, mua sắm công). Other modules reach this one only through this file; app.ts registers the public
 * pages from projects.routes.ts, so this file pulls in no route.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchSource } from '../search/index.js';

export const projectsSearchSource: SearchSource = {
  type: 'project',
  label: 'Dự án, đấu thầu',
  // eslint-disable-next-line require-yield
  async *listRecords() {},
};

/** The demo agency's content of this module; returns how many items it wrote. */
export async function seedDemoProjects(_db: Kysely<Database>, _input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  return 0;
}
