/**
 * Which paths can be rated: the pages the site has published, as the search index knows
 * them. Every content module (articles, legal documents, procedures, agency pages…) hands
 * search one record per published page with its URL and title, and removes it when the
 * page is unpublished, so that index is the one list of "pages that exist" across modules.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { findPublishedPage, listPublishedPages } from '../search/index.js';

export interface RateablePage {
  path: string;
  title: string;
  categoryId: string | null;
}

/** The published page at `path` on the site, or undefined when there is none (or not yet). */
export async function findRateablePage(db: Kysely<Database>, input: { siteId: string; path: string; now: Date }): Promise<RateablePage | undefined> {
  const page = await findPublishedPage(db, { siteId: input.siteId, url: input.path, now: input.now });
  return page && { path: page.url, title: page.title, categoryId: page.categoryId };
}

/** A few published pages of a type, newest first: the demo rates them. */
export async function listRateablePages(db: Kysely<Database>, input: { siteId: string; type: string; now: Date; limit: number }): Promise<RateablePage[]> {
  return (await listPublishedPages(db, input)).map((page) => ({ path: page.url, title: page.title, categoryId: page.categoryId }));
}
