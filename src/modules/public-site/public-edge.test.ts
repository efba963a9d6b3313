/**
 * The public site under hostile requests, over real HTTP and byte for byte (see
 * test/helpers/raw-http.ts), on both engines: every redirect stays on the site, every
 * request is answered, nothing from the request reaches a cached page, one page has one
 * URL, and error pages cost no queries.
 */
import net from 'node:net';
import { SERVER_TIMEOUTS } from '../../app.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { rawGet, rawRequest } from '../../../test/helpers/raw-http.js';
import { BROWSER_UA, listenOnLoopback, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { isSafeLocation } from '../../platform/http/canonical-path.js';
import { setSiteOrigin } from '../sites/index.js';

/** Request targets that try to make a redirect leave the site or break a header. */
const HOSTILE_TARGETS = [
  '//example.org/',
  '//example.org',
  '///example.org/',
  '////example.org//',
  '/\\example.org/',
  '/\\\\example.org',
  '\\\\example.org/',
  '/%2F%2Fexample.org/',
  '/%2f%2fexample.org',
  '/%5Cexample.org/',
  '/%5C%5Cexample.org/',
  '/%09/example.org/',
  '/%0d%0aLocation:%20http://example.org/',
  '/%0D%0ASet-Cookie:%20a=1/',
  '/.//example.org/',
  '/..//example.org/',
  '//example.org/%2e%2e',
  '/https:/example.org/',
  '/http://example.org/',
  '/https:%2F%2Fexample.org/',
  '//example.org/?page=2',
  '//example.org/tin-tuc/',
  '/tin-tuc//example.org/',
  '/tin-tuc/thong-bao?page=2&next=//example.org',
  '/ệ/',
  '/ệ',
  '/tin-tuc/ệ/',
  '/%E1%BB%87/',
  '/%C0%AE%C0%AE/',
  '/%FF/',
  '/%E0%A4%A/',
  '/a%00b/',
  '/tin-tuc%00/',
  '/\u0085/',
  '/\u00ff\u00fe/',
  '/K/', // the Kelvin sign lower-cases to k
  `/${'a/'.repeat(500)}`,
  `/${'tin-tuc'.repeat(300)}/`,
  '/?page=2',
  '/?//example.org',
  'http://example.org/',
  'http://example.org//tin-tuc/',
  'http://localhost/tin-tuc/',
  '*',
  '/tin-tuc/thong-bao/?page=99999999999999999999',
];

/**
 * Queries a page render would make. The app's timed work (reading the sites again, the
 * counters' flush, the jobs poll, the session sweep) runs on its own clock and may land
 * in any window: it is not what these tests measure.
 */
const BACKGROUND_QUERY = /"sites"|"jobs"|"sessions"|view_count|visit_count/;
const renderQueries = (queries: string[]) => queries.filter((sql) => !BACKGROUND_QUERY.test(sql));

describe.each(ENGINES)('public edge on %s', (engine) => {
  let portal: TestPortal;
  let port: number;
  let seedPath: string;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { rendersPerMinute: 100_000 });
    port = await listenOnLoopback(portal.app);
    seedPath = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
  });
  afterAll(async () => portal?.close());

  it('answers every hostile path, and any redirect stays on the site and leads to a page or a 404', async () => {
    for (const target of HOSTILE_TARGETS) {
      const response = await rawGet(port, target);
      expect([200, 301, 400, 404], target).toContain(response.status);
      if (response.status !== 301) continue;
      const location = response.headers.location!;
      expect(isSafeLocation(location), `${target} → ${location}`).toBe(true);
      expect(location).not.toMatch(/example|\\|%|^\/\//);
      const followed = await rawGet(port, location);
      expect([200, 404], `${target} → ${location}`).toContain(followed.status);
    }
  });

  it('answers malformed requests too: huge headers, control characters, bad methods and versions', async () => {
    const cases: [string, string | Buffer, number[]][] = [
      ['20 KB of headers', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, [431]],
      ['a NUL in the path', Buffer.from('GET /tin\u0000tuc HTTP/1.1\r\nHost: localhost\r\n\r\n', 'latin1'), [400]],
      ['a bare LF in a header', 'GET / HTTP/1.1\r\nHost: localhost\r\nX-A: b\nc\r\n\r\n', [400]],
      ['a made-up method', 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n', [400, 404, 405]],
      ['HTTP/9.9', 'GET / HTTP/9.9\r\nHost: localhost\r\n\r\n', [400, 505]],
      ['no Host', 'GET / HTTP/1.1\r\n\r\n', [200, 400]],
      ['two Hosts', 'GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n', [200, 400]],
      ['a body on GET with a bad length', 'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n', [400]],
    ];
    for (const [label, head, statuses] of cases) {
      const response = await rawRequest(port, typeof head === 'string' ? `${head.replace(/\r\n\r\n$/, '')}\r\nConnection: close\r\n\r\n` : head);
      expect(statuses, `${label}: ${response.status}`).toContain(response.status);
    }
  });

  it('refuses a NUL written as %00 anywhere in an address: 400 before any route, JSON on the API', async () => {
    const pages = ['/tin%00tuc', '/van-ban/a%00b', '/van-ban?q=75%2F2021%00', '/van-ban?type=%00', '/tim-kiem?q=hoi%00nghi', '/chi-tieu?q=%00', '/thu-tuc-hanh-chinh?q=%00', '/du-an-dau-thau?q=%00', '/co-cau-to-chuc/a%00', '/lich-cong-tac/2026-w48%00', '/media/%00.jpg'];
    const apis = ['/api/v1/documents/a%00b', '/api/v1/documents?type=%00', '/api/v1/documents?field=%00&issuer=%00', '/api/v1/indicators/a%00b', '/api/v1/procedures/a%00b', '/api/v1/projects/a%00b', '/api/v1/articles/a%00b', '/api/v1/search?q=a%00', '/api/v1/schedule?week=%00'];
    for (const url of [...pages, ...apis]) {
      const response = await portal.app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      if (url.startsWith('/api/')) expect(response.json().error.message, url).toBe('Địa chỉ có ký tự không hợp lệ.');
      else expect(response.body, url).toContain('Địa chỉ có ký tự không hợp lệ.');
    }
  });

  it('redirects each spelling of a page to its canonical URL, or answers 404', async () => {
    const cases: [string, number, string?][] = [
      ['/tin-tuc/', 301, '/tin-tuc'],
      ['/tin-tuc//thong-bao', 301, '/tin-tuc/thong-bao'],
      ['/tin-tuc//thong-bao/', 301, '/tin-tuc/thong-bao'],
      ['//tin-tuc/thong-bao', 301, '/tin-tuc/thong-bao'],
      ['/TIN-TUC/Thong-Bao', 301, '/tin-tuc/thong-bao'],
      ['/tin-tuc/%74hong-bao', 301, '/tin-tuc/thong-bao'],
      ['/tin-tuc%2Fthong-bao', 301, '/tin-tuc/thong-bao'],
      ['/tin-tuc/thong-bao?page=1', 301, '/tin-tuc/thong-bao'],
      ['/tin-tuc/thong-bao?page=02', 301, '/tin-tuc/thong-bao?page=2'],
      ['/tin-tuc/thong-bao?fbclid=abc', 301, '/tin-tuc/thong-bao'],
      ['//', 301, '/'],
      ['/?utm_source=zalo', 301, '/'],
      [`${seedPath}/`, 301, seedPath],
      [seedPath.toUpperCase(), 301, seedPath],
      ['/tin-tuc/thong-bao.html', 404],
      ['/tin-tuc/thong_bao', 404],
      ['/tin-tuc/thong--bao', 404],
      ['/tin-tuc/-thong-bao', 404],
      ['/wp-login.php', 404],
      ['/.env', 404],
    ];
    for (const [target, status, location] of cases) {
      const response = await rawGet(port, target);
      expect(response.status, target).toBe(status);
      if (location) expect(response.headers.location, target).toBe(location);
    }
  });

  it('serves each picture and asset at one URL only', async () => {
    const home = (await rawGet(port, '/')).body.toString();
    const media = /\/media\/[0-9a-f-]{36}\/\d+\.webp/.exec(home)![0];
    const asset = /\/assets\/site\.[0-9a-f]+\.css/.exec(home)![0];
    expect((await rawGet(port, media)).status).toBe(200);
    expect((await rawGet(port, asset)).status).toBe(200);
    const variants = [
      media.replace('/media/', '/media//'),
      media.replace(/\/(\d+)\.webp$/, '//$1.webp'),
      media.replace('/media/', '/media/./'),
      media.toUpperCase(),
      `${media}/`,
      `${media}?v=2`,
      media.replace('/media/', '/media/%2e/'),
      '/media/',
      '/media/%2e%2e/cong.sqlite',
      '/media/..%2f..%2fcong.sqlite',
      asset.replace('/assets/', '/assets//'),
      `${asset}/`,
      asset.toUpperCase(),
    ];
    for (const target of variants) {
      const response = await rawGet(port, target);
      expect(response.status, target).toBe(404);
      expect(response.body.toString(), target).toContain('Không tìm thấy trang');
    }
  });

  it('renders one copy of a page whatever spelling readers use', async () => {
    await (await fetch(`http://127.0.0.1:${port}/tin-tuc/tin-hoat-dong`)).text();
    portal.queries.length = 0;
    for (const target of ['/tin-tuc//tin-hoat-dong', '/Tin-Tuc/Tin-Hoat-Dong/', '/tin-tuc/%74in-hoat-dong', '/tin-tuc/tin-hoat-dong?x=1']) {
      expect((await rawGet(port, target)).status, target).toBe(301);
    }
    expect((await rawGet(port, '/tin-tuc/tin-hoat-dong')).status).toBe(200);
    expect(renderQueries(portal.queries)).toEqual([]);
  });

  it('puts a canonical link from the site’s own origin on every page, whatever Host and X-Forwarded-* say', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'user-agent': BROWSER_UA };
    const pages = ['/', '/tin-tuc', '/tin-tuc/thong-bao?page=2', seedPath];
    for (const path of pages) {
      // Rendered first under the forged Host: the cache must hold nothing of it.
      const response = await rawGet(port, path, forged);
      expect(response.status, path).toBe(200);
      const html = response.body.toString();
      expect(html, path).not.toContain('evil.example');
      // No origin stored yet: http://<site host>, with PORT for localhost.
      expect(html, path).toContain(`<link rel="canonical" href="http://localhost:3000${path}"/>`);
    }
    const article = (await rawGet(port, seedPath)).body.toString();
    expect(article).not.toContain('evil.example');
  });

  it('uses the origin an operator stores from the next page on', async () => {
    await setSiteOrigin(portal.testDb.db.kysely, { host: 'localhost', origin: 'https://SLDTBXH.kontum.gov.vn/' });
    // The change is announced after its commit; the site list is read again in the background.
    const started = Date.now();
    let html = '';
    while (Date.now() - started < 1000 && !html.includes('https://sldtbxh.kontum.gov.vn')) {
      html = (await rawGet(port, seedPath, { host: 'evil.example' })).body.toString();
    }
    expect(html).toContain(`<link rel="canonical" href="https://sldtbxh.kontum.gov.vn${seedPath}"/>`);
    expect(html).not.toContain('evil.example');
  });

  it('serves 404 pages from the cache: no query for a scanner, whatever the path', async () => {
    await rawGet(port, '/wp-login.php');
    await rawGet(port, '/%FF');
    portal.queries.length = 0;
    for (const target of ['/wp-login.php', '/xmlrpc.php', '/.git/config', '/phpmyadmin/index.php', `/${'x'.repeat(2000)}.php`]) {
      const response = await rawGet(port, target);
      expect(response.status, target).toBe(404);
      expect(response.body.toString()).toContain('Không tìm thấy trang');
      expect(response.body.toString()).toMatch(/Lượt truy cập/);
    }
    // An escape that is not UTF-8 is a bad request, answered from the cache the same way.
    const badEscape = await rawGet(port, '/%FF');
    expect(badEscape.status).toBe(400);
    expect(badEscape.body.toString()).toContain('Yêu cầu không hợp lệ');
    expect(renderQueries(portal.queries)).toEqual([]);
  });

  // The server's timeouts do not depend on the database: once is enough.
  it.runIf(engine === 'sqlite')('cuts off a client that dribbles its headers (slowloris) once the headers timeout passes', async () => {
    expect(portal.app.server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(portal.app.server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
    expect(portal.app.server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeout);
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
    // One more header byte every second keeps the connection busy but never finishes the request.
    const drip = setInterval(() => socket.write('X'), 1000);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(drip);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(SERVER_TIMEOUTS.headersTimeout - 500);
    expect(elapsed).toBeLessThan(SERVER_TIMEOUTS.headersTimeout + 2 * SERVER_TIMEOUTS.connectionsCheckingInterval + 1000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('answers an unknown Host with the default site', async () => {
    for (const host of ['203.0.113.7', 'unknown.example', 'x'.repeat(1000), 'localhost:99999', '[::1]:3000', '']) {
      const response = await rawGet(port, '/', { host });
      expect(response.status, host).toBe(200);
      expect(response.body.toString()).toContain('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    }
  });
});

describe.each(ENGINES)('render limit on %s', (engine) => {
  let portal: TestPortal;
  let port: number;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { rendersPerMinute: 10 });
    port = await listenOnLoopback(portal.app);
  });
  afterAll(async () => portal?.close());

  it('stops a client guessing pages with 429 and Retry-After, while cached pages and error pages still answer', async () => {
    await (await fetch(`http://127.0.0.1:${port}/tin-tuc`)).text();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 30; i++) {
      const response = await rawGet(port, `/tin-tuc/thong-bao/bai-doan-${i}`);
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter ??= response.headers['retry-after'];
        expect(response.body.toString()).toContain('quá nhiều yêu cầu');
      }
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(21);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // What is cached costs nothing and stays open to the same client.
    expect((await rawGet(port, '/tin-tuc')).status).toBe(200);
    expect((await rawGet(port, '/wp-login.php')).status).toBe(404);
  });
});
