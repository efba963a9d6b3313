/**
 * What search finds: every content module's source of search records. The search module
 * knows none of them; this list is where a new kind of content (legal documents,
 * answered questions) is plugged in, and everything that rebuilds the index or offers a
 * type filter reads it: `cong reindex`, the rebuild job (SEARCH_REINDEX_JOB, asked for after an
 * upgrade or a moved category), the search page.
 */
import type { Kysely } from 'kysely';
import type { Database } from './platform/db/database.js';
import type { JobHandler } from './platform/jobs/jobs.js';
import { articlesSearchSource } from './modules/articles/articles.search.js';
import { documentsSearchSource } from './modules/legal-documents/index.js';
import { indicatorsSearchSource } from './modules/indicators/index.js';
import { agencySearchSource } from './modules/agency/index.js';
import { publicServicesSearchSource } from './modules/public-services/index.js';
import { workScheduleSearchSource } from './modules/work-schedule/index.js';
import { projectsSearchSource } from './modules/projects/index.js';
import { consultationsSearchSource } from './modules/consultations/index.js';
import { questionsSearchSource } from './modules/questions/index.js';
import { informationSearchSource } from './modules/information-access/index.js';
import { extractMissingDocumentTexts } from './modules/media/index.js';
import { reindexSite, type ReindexProgress, type SearchSource } from './modules/search/index.js';

export const SEARCH_SOURCES: readonly SearchSource[] = [
  articlesSearchSource,
  documentsSearchSource,
  indicatorsSearchSource,
  publicServicesSearchSource,
  projectsSearchSource,
  consultationsSearchSource,
  questionsSearchSource,
  informationSearchSource,
  agencySearchSource,
  workScheduleSearchSource,
];

/**
 * Rebuilds a site's index from every source. Documents uploaded before their text was
 * read (older versions) are read first, so their words are found too.
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  input: { siteId: string; mediaDir: string; onDocument?: (progress: { done: number; total: number }) => void; onProgress?: (progress: ReindexProgress) => void },
): Promise<{ indexed: number; removed: number; documentsRead: number }> {
  const documentsRead = await extractMissingDocumentTexts(db, input.mediaDir, { siteId: input.siteId, onProgress: input.onDocument });
  const result = await reindexSite(db, { siteId: input.siteId, sources: [...SEARCH_SOURCES], onProgress: input.onProgress });
  return { ...result, documentsRead };
}

export function searchReindexHandler(db: Kysely<Database>, mediaDir: string): JobHandler {
  return async (payload) => {
    const siteId = (payload as { siteId?: unknown }).siteId;
    if (typeof siteId !== 'string') throw new Error('search-reindex job without a siteId');
    await rebuildSearchIndex(db, { siteId, mediaDir });
  };
}
