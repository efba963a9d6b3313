/**
 * Cache hits are answered before Fastify sees the request, so app.inject() never takes
 * that path: these tests go over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { BROWSER_UA, listenOnLoopback, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';

describe.each(ENGINES)('cached pages over HTTP on %s', (engine) => {
  let portal: TestPortal | undefined;
  afterEach(async () => portal?.close());

  async function start(env: Record<string, string> = {}) {
    portal = await startTestPortal(engine, { env });
    let routed = 0;
    portal.app.addHook('onRequest', async () => void routed++);
    const origin = `http://127.0.0.1:${await listenOnLoopback(portal.app)}`;
    return { origin, routedCount: () => routed, portal };
  }

  const visitCount = async (p: TestPortal) => {
    await p.app.services.stats.flush();
    return Number((await p.testDb.db.kysely.selectFrom('sites').select('visit_count').where('id', '=', p.fixture.siteId).executeTakeFirstOrThrow()).visit_count);
  };

  it('serves hits without Fastify, with security headers, gzip and exact view counts', async () => {
    const { origin, routedCount, portal } = await start();
    const url = `${origin}/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    const headers = { 'user-agent': BROWSER_UA, 'accept-encoding': 'gzip' };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    await first.text();
    const routedAfterMiss = routedCount();

    const responses = await Promise.all(Array.from({ length: 300 }, () => fetch(url, { headers })));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(routedCount()).toBe(routedAfterMiss);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const hit = responses[0]!;
    expect(hit.headers.get('content-encoding')).toBe('gzip');
    expect(hit.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
    expect(hit.headers.get('etag')).toMatch(/^W\//);
    expect(bodies[0]).toContain(SEED_TITLE);

    await portal.app.services.stats.flush();
    const row = await portal.testDb.db.kysely.selectFrom('articles').select('view_count').where('slug', '=', portal.fixture.seedSlug).executeTakeFirstOrThrow();
    expect(Number(row.view_count)).toBe(2577 + 301);
  });

  it('leaves queries, escapes, trailing slashes and HEAD to the routes', async () => {
    const { origin, routedCount } = await start();
    await (await fetch(`${origin}/tin-tuc/thong-bao`)).text();
    for (const [path, method] of [['/tin-tuc/thong-bao?page=1', 'GET'], ['/tin-tuc/%74hong-bao', 'GET'], ['/tin-tuc/thong-bao/', 'GET'], ['/tin-tuc/thong-bao', 'HEAD']] as const) {
      const before = routedCount();
      const response = await fetch(`${origin}${path}`, { method, redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, path).toBeLessThan(400);
      expect(routedCount(), path).toBe(before + 1);
    }
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const untrusted = await start();
    await (await fetch(`${untrusted.origin}/`)).text(); // render, then count from the cache
    const before = await visitCount(untrusted.portal);
    for (const ip of ['198.51.100.1', '198.51.100.2']) await (await fetch(`${untrusted.origin}/`, { headers: { 'user-agent': 'Lector', 'x-forwarded-for': ip } })).text();
    expect((await visitCount(untrusted.portal)) - before).toBe(1);
    await untrusted.portal.close();

    const trusted = await start({ TRUST_PROXY: '127.0.0.1' });
    await (await fetch(`${trusted.origin}/`)).text();
    const trustedBefore = await visitCount(trusted.portal);
    for (const ip of ['198.51.100.1', '198.51.100.2']) await (await fetch(`${trusted.origin}/`, { headers: { 'user-agent': 'Lector', 'x-forwarded-for': ip } })).text();
    expect((await visitCount(trusted.portal)) - trustedBefore).toBe(2);
  });
});
