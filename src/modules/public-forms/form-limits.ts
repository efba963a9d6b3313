/**
 * The per-client limit on public form POSTs. @fastify/rate-limit is registered in app.ts
 * with global: false, so a route opts in:
 *
 *   app.post('/hoi-dap/gui', { config: { rateLimit: FORM_RATE_LIMIT } }, handler)
 *   // or, in a handler: const limit = app.createRateLimit(FORM_RATE_LIMIT); const r = await limit(request); …
 *
 * The key is request.ip, which Fastify computes from TRUST_PROXY (the reader's address after
 * the trusted proxies, as platform/http/client-ip.ts does), and each route counts on its own.
 * Over the limit the plugin answers 429 (RateLimitedError, Retry-After).
 */
export const FORM_RATE_LIMIT = { max: 5, timeWindow: 10 * 60_000 } as const;
