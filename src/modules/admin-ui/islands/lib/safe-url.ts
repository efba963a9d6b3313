/**
 * Which link addresses the editor accepts: the same rule as the server's sanitiser
 * (articles/sanitize-body.ts), so a link is refused while the author is still there to fix it.
 */

/** The address as a browser will read it: tabs and newlines dropped, ends trimmed. */
export function normalizeHref(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** http(s), mailto and tel addresses, and paths on this site ("/…", never "//host"). */
export function isSafeHref(raw: string): boolean {
  const href = normalizeHref(raw);
  return /^(?:https?|mailto|tel):/i.test(href) || /^\/(?![/\\])/.test(href);
}

/** What an author typed, made into an address: "www.gov.vn" → "https://www.gov.vn". */
export function completeHref(typed: string): string {
  const href = normalizeHref(typed);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return href;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)) return `mailto:${href}`;
  return `https://${href}`;
}
