/**
 * One page, one URL. Public pages live at paths of lower-case ASCII slugs
 * (/tin-tuc/thong-bao/<slug>); every other spelling of such a path (doubled or trailing
 * slashes, capitals, percent-escapes) is sent to the canonical one, and anything that
 * cannot be spelled that way is not a page. Redirects are only ever built from these
 * canonical forms, so no request can make Cổng point a browser off the site.
 */

/** A slug: what slugify() produces (đ→d, no diacritics, words joined by single hyphens). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A same-site location: one leading slash followed by slugs (and dotted file names such as
 * rss.xml), and an optional query of plain key=value pairs. No second slash or backslash
 * at the start (a protocol-relative URL), no scheme, no control characters, nothing
 * outside ASCII — so it is also always a legal header value.
 */
const SAFE_LOCATION = /^\/(?:[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*)?(?:\?[a-z0-9_-]+=[a-z0-9_.-]*(?:&[a-z0-9_-]+=[a-z0-9_.-]*)*)?$/;

export function isSafeLocation(location: string): boolean {
  return SAFE_LOCATION.test(location);
}

/** The path part of a request target, without its query. */
export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/**
 * The canonical path of a page path as the client sent it, or undefined when no page can
 * live there (the caller answers 404 without looking further).
 */
export function canonicalPagePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined; // a broken escape such as %E0%A4%A
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  const canonical: string[] = [];
  for (const segment of segments) {
    const lower = segment.toLowerCase();
    // Lower-casing must not be what makes a segment valid beyond ASCII (e.g. 'K' Kelvin sign → 'k').
    if (!SLUG_PATTERN.test(lower) || !/^[A-Za-z0-9-]+$/.test(segment)) return undefined;
    canonical.push(lower);
  }
  return `/${canonical.join('/')}`;
}
