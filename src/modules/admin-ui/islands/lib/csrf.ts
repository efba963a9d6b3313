/**
 * Every staff page carries `<meta name="csrf-token" content="…">`; every request an island
 * sends that changes state repeats it in the `x-csrf-token` header (platform/http/csrf.ts).
 */
export const CSRF_HEADER = 'x-csrf-token';

/** The page's anti-forgery token, '' when the page has none (the server then answers 403). */
export function readCsrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}
