/**
 * URLs that last: when a category moves, its old path and every path below it answer with
 * a 301 to where the content is now. One row per moved path; a page below it (an article,
 * a page of a future module) follows through the longest matching prefix, so a move
 * writes one row per category, not one per article.
 *
 * Invariant: a row's target is never another row's source, so a redirect is one hop.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { deleteRedirectFrom, findLongestRedirectFrom, updateRedirectTargets, upsertRedirect } from './redirects.repo.js';

/**
 * No category tree is this deep: a longer path is not looked up at all, so a request of
 * thousands of segments cannot become a query of thousands of parameters.
 */
export const MAX_REDIRECT_DEPTH = 16;

export interface PathMove {
  siteId: string;
  /** Old path, as categories.path: 'tin-tuc/thong-bao'. */
  fromPath: string;
  toPath: string;
}

/**
 * Records that `fromPath` now lives at `toPath`, inside the caller's transaction (the same
 * one that rewrites the paths, so the two never disagree).
 */
export async function recordMove(db: Kysely<Database>, move: PathMove, now = new Date()): Promise<void> {
  if (move.fromPath === move.toPath) return;
  const { siteId } = move;
  // The target is a live path again: a row leading away from it would loop (moving back).
  await deleteRedirectFrom(db, { siteId, fromPath: move.toPath });
  // Older paths that led here lead straight on: one hop, never a chain.
  await updateRedirectTargets(db, { siteId, oldTarget: move.fromPath, newTarget: move.toPath });
  // Upsert: an older row from this path (left when something else lived here since) is replaced.
  await upsertRedirect(db, { site_id: siteId, from_path: move.fromPath, to_path: move.toPath, created_at: now.toISOString() });
}

export interface RedirectLookup {
  siteId: string;
  /** The requested path, as categories.path: 'tin-tuc/thong-bao/<slug>'. */
  path: string;
  /**
   * How many leading segments of `path` are a live category now. Redirects from those
   * prefixes are shadowed: a category created where an old one used to be owns its URLs,
   * so only a deeper old path (a former child) may still redirect.
   */
  liveDepth?: number;
}

/**
 * Where a path that no longer exists lives now: the target of the longest old path that
 * is a prefix of it, followed by the rest of it. Undefined when nothing moved from there.
 */
export async function findRedirect(db: Kysely<Database>, lookup: RedirectLookup): Promise<string | undefined> {
  const segments = lookup.path.split('/').filter(Boolean);
  if (segments.length === 0 || segments.length > MAX_REDIRECT_DEPTH) return undefined;
  const fromPaths: string[] = [];
  for (let depth = segments.length; depth > (lookup.liveDepth ?? 0); depth--) fromPaths.push(segments.slice(0, depth).join('/'));
  const row = await findLongestRedirectFrom(db, { siteId: lookup.siteId, fromPaths });
  if (!row) return undefined;
  const rest = segments.slice(row.from_path.split('/').length);
  return [row.to_path, ...rest].join('/');
}
