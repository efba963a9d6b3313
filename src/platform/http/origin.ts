/**
 * Canonical origins (https://sldtbxh.kontum.gov.vn): where a site's absolute links point.
 * They come from the operator, never from a request, so one checked form is kept.
 */

/**
 * `scheme://host[:port]` in lower case, or undefined when `raw` is not an http(s) origin
 * (a path, query, fragment or credentials would end up in every absolute link).
 */
export function parseOrigin(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (!URL.canParse(trimmed)) return undefined;
  const url = new URL(trimmed);
  const isPlain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !trimmed.includes('?') && !trimmed.includes('#');
  if (!['http:', 'https:'].includes(url.protocol) || !isPlain || !url.hostname) return undefined;
  return url.origin;
}
