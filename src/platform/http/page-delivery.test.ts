/**
 * The page delivery, tested once for every module that uses it: a made-up module with a
 * page route, over real HTTP (the fast path is outside Fastify, so inject() cannot see it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet, rawRequest } from '../../../test/helpers/raw-http.js';
import { slotMarker } from '../cache/page-cache.js';
import { NotFoundError } from '../errors.js';
import { canonicalPagePath, pathOf } from './canonical-path.js';
import { registerErrorHandling } from './error-handler.js';
import { PageDelivery, type RenderedPage } from './page-delivery.js';

interface Harness {
  app: FastifyInstance;
  port: number;
  delivery: PageDelivery<{ id: string }, { views: number }>;
  renders: string[];
  routed: () => number;
  /** Makes the next slot filling throw (a bug in a module's counter). */
  breakSlots: (isBroken: boolean) => void;
}

let current: FastifyInstance | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function startHarness(options: { rendersPerMinute?: number; ttlMs?: number } = {}): Promise<Harness> {
  const renders: string[] = [];
  let routed = 0;
  let isSlotBroken = false;
  let served = 0;
  let delivery: PageDelivery<{ id: string }, { views: number }> | undefined;
  const app = Fastify({
    serverFactory: (handler) => http.createServer((request, response) => (delivery?.shortcut(request, response) ? undefined : handler(request, response))),
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  current = app;
  await app.register(fastifyRateLimit, { global: false });
  delivery = new PageDelivery(app, {
    resolveSite: () => ({ id: 'site' }),
    clientIp: (request) => request.socket.remoteAddress ?? '',
    fillSlots: ({ meta }) => {
      if (isSlotBroken) throw new Error('counter exploded');
      served++;
      return new Map([['n', String(meta ? meta.views + served : served)]]);
    },
    renderErrorPage: async (_site, error) => `<h1>${error.status} ${error.message}</h1><p>${slotMarker('n')}</p>`,
    log: app.log,
    rendersPerMinute: options.rendersPerMinute,
    ttlMs: options.ttlMs,
  });
  const pages = delivery;
  app.addHook('onRequest', async () => void routed++);
  app.get('/*', { config: { writesSecurityHeaders: true } }, async (request, reply) => {
    const path = canonicalPagePath(pathOf(request.url));
    if (!path) throw new NotFoundError();
    await pages.deliver(request, reply, {
      url: path,
      render: async (): Promise<RenderedPage<{ views: number }>> => {
        renders.push(path);
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (path.startsWith('/missing')) throw new NotFoundError();
        if (path === '/moved') return { kind: 'redirect', location: '/new-home' };
        if (path === '/evil-redirect') return { kind: 'redirect', location: '//evil.example/' };
        if (path === '/crlf-redirect') return { kind: 'redirect', location: '/a\r\nset-cookie: x=1' };
        return { kind: 'page', html: `<p>${path} · ${'Hội nghị '.repeat(200)} · ${slotMarker('n')}</p>`, meta: { views: 1000 } };
      },
    });
  });
  registerErrorHandling(app, (request, reply, error) => pages.sendError(request, reply, error));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    port: (app.server.address() as AddressInfo).port,
    delivery,
    renders,
    routed: () => routed,
    breakSlots: (isBroken) => (isSlotBroken = isBroken),
  };
}

describe('page delivery', () => {
  it('renders a page once for many concurrent readers, then serves it before Fastify with its slots filled', async () => {
    const h = await startHarness();
    const url = `http://127.0.0.1:${h.port}/tin-tuc`;
    const first = await Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.text())));
    expect(h.renders).toEqual(['/tin-tuc']);
    expect(new Set(first).size).toBe(20); // every reader got its own counter value
    const routedBefore = h.routed();
    const later = await fetch(url);
    expect(await later.text()).toContain('Hội nghị');
    expect(h.routed()).toBe(routedBefore); // answered by the shortcut
    expect(later.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers 304 to a matching validator, listed or alone, and a new body once the slots change', async () => {
    const h = await startHarness();
    const url = `http://127.0.0.1:${h.port}/tin-tuc`;
    const first = await fetch(url);
    await first.text();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    // Slot values are part of the validator, so the next reader's count gives a new one.
    const next = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(next.status).toBe(200);
    const nextTag = next.headers.get('etag')!;
    await next.text();
    expect(nextTag).not.toBe(etag);
  });

  it.each([
    ['gzip', 'gzip', true],
    ['GZIP', 'GZIP', true],
    ['gzip;q=0.5', 'gzip;q=0.5', true],
    ['deflate, gzip;q=1.0, *;q=0.5', 'deflate, gzip;q=1.0, *;q=0.5', true],
    ['*', '*', true],
    ['identity, gzip', 'identity, gzip', true],
    ['gzip;q=0', 'gzip;q=0', false],
    ['gzip;q=0, *', 'gzip;q=0, *', false],
    ['gzip;q=0.000', 'gzip;q=0.000', false],
    ['br', 'br', false],
    ['identity', 'identity', false],
    ['gzip;q=0.5, identity;q=0.9', 'gzip;q=0.5, identity;q=0.9', false],
    ['*;q=0', '*;q=0', false],
    ['empty', '', false],
    ['5,000 characters of junk', 'x'.repeat(5000), false],
  ])('negotiates Accept-Encoding %s on both paths', async (_label, header, isGzip) => {
    const h = await startHarness();
    for (let i = 0; i < 2; i++) {
      // The first request renders through Fastify, the second comes from the shortcut.
      const response = await rawGet(h.port, '/tin-tuc', { 'accept-encoding': header });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(isGzip ? 'gzip' : undefined);
      expect(response.headers.vary).toBe('Accept-Encoding');
      const body = isGzip ? zlib.gunzipSync(response.body).toString() : response.body.toString();
      expect(body).toContain('/tin-tuc · Hội nghị');
    }
  });

  it('redirects every other spelling of a page to its canonical URL, and only within the site', async () => {
    const h = await startHarness();
    for (const [target, location] of [
      ['/tin-tuc/', '/tin-tuc'],
      ['/tin-tuc//thong-bao', '/tin-tuc/thong-bao'],
      ['//tin-tuc///thong-bao//', '/tin-tuc/thong-bao'],
      ['/Tin-Tuc/Thong-Bao', '/tin-tuc/thong-bao'],
      ['/tin-tuc/%74hong-bao', '/tin-tuc/thong-bao'],
      ['/tin-tuc%2Fthong-bao', '/tin-tuc/thong-bao'],
      ['/tin-tuc?utm_source=zalo', '/tin-tuc'],
      ['/moved', '/new-home'],
    ]) {
      const response = await rawGet(h.port, target!);
      expect(response.status, target).toBe(301);
      expect(response.headers.location, target).toBe(location);
    }
  });

  it('never redirects off the site, and never hangs, when a render asks for an unsafe location', async () => {
    const h = await startHarness();
    for (const target of ['/evil-redirect', '/crlf-redirect']) {
      const response = await rawGet(h.port, target);
      expect(response.status, target).toBe(404);
      expect(response.headers.location).toBeUndefined();
    }
  });

  it('renders each error page once and serves it like a page, with its own status and no-store', async () => {
    const h = await startHarness();
    for (let i = 0; i < 30; i++) {
      const response = await rawGet(h.port, `/wp-login.php?i=${i}`);
      expect(response.status).toBe(404);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
      expect(response.body.toString()).toMatch(/<h1>404 Không tìm thấy trang bạn yêu cầu\.<\/h1><p>\d+<\/p>/);
    }
    expect(h.renders).toEqual([]); // the error page is not a page render: no route render ran
  });

  it('limits renders per client with 429 and Retry-After, while cached pages keep being served', async () => {
    const h = await startHarness({ rendersPerMinute: 5 });
    await (await fetch(`http://127.0.0.1:${h.port}/tin-tuc`)).text(); // 1 render
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await rawGet(h.port, `/missing-${i}`);
      statuses.push(response.status);
      retryAfter ??= response.headers['retry-after'];
    }
    expect(statuses.slice(0, 4)).toEqual([404, 404, 404, 404]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(h.renders).toHaveLength(5);
    const cached = await rawGet(h.port, '/tin-tuc');
    expect(cached.status).toBe(200);
  });

  it('answers or closes when writing a response fails, on the shortcut and through Fastify, and keeps serving', async () => {
    const h = await startHarness();
    await (await fetch(`http://127.0.0.1:${h.port}/tin-tuc`)).text();
    h.breakSlots(true);
    const viaShortcut = await rawGet(h.port, '/tin-tuc');
    expect(viaShortcut.status).toBe(500);
    const viaFastify = await rawGet(h.port, '/tin-tuc?x=1'); // redirect needs no slots
    expect(viaFastify.status).toBe(301);
    const missing = await rawGet(h.port, '/missing-page'); // error page with a broken slot filler
    expect(missing.status).toBe(500);
    h.breakSlots(false);
    expect((await rawGet(h.port, '/tin-tuc')).status).toBe(200);
  });

  it('serves a page past its TTL while one background render replaces it', async () => {
    const h = await startHarness({ ttlMs: 50 });
    await (await fetch(`http://127.0.0.1:${h.port}/tin-tuc`)).text();
    await new Promise((resolve) => setTimeout(resolve, 80));
    const stale = await Promise.all(Array.from({ length: 10 }, () => rawGet(h.port, '/tin-tuc')));
    expect(stale.every((r) => r.status === 200)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.renders).toEqual(['/tin-tuc', '/tin-tuc']);
  });

  it('tells keep-alive clients to close once the server is closing', async () => {
    const h = await startHarness();
    await (await fetch(`http://127.0.0.1:${h.port}/tin-tuc`)).text();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        http.get({ port: h.port, host: '127.0.0.1', path: '/tin-tuc', agent }, (response) => response.resume().on('end', () => resolve(response))).on('error', reject);
      });
    expect((await get()).headers.connection).toBe('keep-alive');
    // A slow render keeps the connection busy while close() starts.
    const busy = new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ port: h.port, host: '127.0.0.1', path: '/slow-page', agent }, (response) => response.resume().on('end', () => resolve(response))).on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = h.app.close();
    current = undefined;
    const answered = await busy;
    expect(answered.statusCode).toBe(200);
    expect(answered.headers.connection).toBe('close');
    await closing;
    agent.destroy();
  });

  it('answers a request line Node cannot parse without keeping the socket', async () => {
    const h = await startHarness();
    const response = await rawRequest(h.port, 'GET /tin-tuc\r\nHTTP/1.1\r\n\r\n');
    expect(response.status).toBe(400);
  });
});
