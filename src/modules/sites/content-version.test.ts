/**
 * Content versions: a published change shows on the next request of the instance that
 * made it, and within a second on another instance of the same database (PostgreSQL:
 * NOTIFY; SQLite: reading the sites every second).
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openPostgres, openSqlite, type Db } from '../../platform/db/kysely.js';
import { createArticle } from '../articles/index.js';
import { addMenuItem } from '../navigation/index.js';
import { setSiteOrigin } from './index.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';

const page = async (app: FastifyInstance, url: string) => (await app.inject({ url, headers: { 'user-agent': BROWSER_UA } })).body;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe.each(ENGINES)('content versions on %s', (engine) => {
  let portal: TestPortal | undefined;
  let other: { app: FastifyInstance; db: Db } | undefined;
  afterEach(async () => {
    await other?.app.close();
    await other?.db.close();
    other = undefined;
    await portal?.close();
  });

  /** A second app instance on the same database, with its own connections (another server). */
  async function secondInstance(p: TestPortal) {
    const db = engine === 'sqlite' ? openSqlite(path.join(p.testDb.dataDir, 'cong.sqlite')) : openPostgres(await databaseUrlOf(p));
    const app = await buildApp({ config: loadConfig({ DATA_DIR: p.testDb.dataDir, LOG_LEVEL: 'silent' }), db, logger: false });
    other = { app, db };
    return app;
  }

  async function databaseUrlOf(p: TestPortal): Promise<string> {
    const { rows } = await (await import('kysely')).sql<{ name: string }>`select current_database() as name`.execute(p.testDb.db.kysely);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    return url.toString();
  }

  it('shows a new article on the next request of the instance that wrote it', async () => {
    portal = await startTestPortal(engine);
    const { siteId, categories } = portal.fixture;
    expect(await page(portal.app, '/tin-tuc/thong-bao')).not.toContain('Thông báo khẩn về lịch tiếp dân');
    const before = portal.app.services.sites.resolve(undefined)!;
    await createArticle(portal.testDb.db.kysely, { siteId, categoryId: categories.announcements.id, title: 'Thông báo khẩn về lịch tiếp dân', status: 'published', publishedAt: new Date() });
    expect(await page(portal.app, '/tin-tuc/thong-bao')).toContain('Thông báo khẩn về lịch tiếp dân');
    expect(await page(portal.app, '/')).toContain('Thông báo khẩn về lịch tiếp dân');
    const version = await portal.testDb.db.kysely.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow();
    expect(Number(version.content_version)).toBeGreaterThan(0);
    expect(before.id).toBe(siteId);
  });

  it('drops another instance’s cached pages within a second', async () => {
    portal = await startTestPortal(engine);
    const { siteId, categories } = portal.fixture;
    const second = await secondInstance(portal);
    // Both instances have the pages cached.
    for (const app of [portal.app, second]) expect(await page(app, '/tin-tuc/thong-bao')).not.toContain('Lịch trực Tết');
    await createArticle(portal.testDb.db.kysely, { siteId, categoryId: categories.announcements.id, title: 'Lịch trực Tết Nguyên đán', status: 'published', publishedAt: new Date() });
    const took = await waitFor(async () => (await page(second, '/tin-tuc/thong-bao')).includes('Lịch trực Tết'), 1000);
    // PostgreSQL tells at once; SQLite's second instance reads the sites every second.
    if (engine === 'postgres') expect(took).toBeLessThan(500);
    await addMenuItem(portal.testDb.db.kysely, { siteId, label: 'Liên hệ công tác', url: '/lien-he', position: 9 });
    await waitFor(async () => (await page(second, '/')).includes('Liên hệ công tác'), 1500);
    await setSiteOrigin(portal.testDb.db.kysely, { origin: 'https://sldtbxh.kontum.gov.vn' });
    await waitFor(async () => (await page(second, '/tin-tuc')).includes('href="https://sldtbxh.kontum.gov.vn/tin-tuc"'), 1500);
  });

  it.runIf(engine === 'postgres')('listens again after PostgreSQL drops the LISTEN connection, and catches up on what it missed', async () => {
    portal = await startTestPortal(engine);
    const { siteId, categories } = portal.fixture;
    const second = await secondInstance(portal);
    expect(await page(second, '/tin-tuc/thong-bao')).not.toContain('Sau khi kết nối lại');
    const { sql } = await import('kysely');
    // 1. Cut every LISTEN connection of this database (as a PostgreSQL restart would).
    const cut = await sql<{ n: number }>`select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and query ilike 'listen%'`.execute(portal.testDb.db.kysely);
    expect(Number(cut.rows[0]!.n)).toBeGreaterThanOrEqual(2);
    // 2. A change while the second instance may still be reconnecting.
    await createArticle(portal.testDb.db.kysely, { siteId, categoryId: categories.announcements.id, title: 'Sau khi kết nối lại', status: 'published', publishedAt: new Date() });
    await waitFor(async () => (await page(second, '/tin-tuc/thong-bao')).includes('Sau khi kết nối lại'), 3000);
  });

  it('shows a publish made through the staff UI of one instance on the next request there, and on the other within a second', async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    const { siteId, categories } = portal.fixture;
    const db = portal.testDb.db.kysely;
    await addStaff(db, siteId, 'editor');
    await addStaff(db, siteId, 'chief_editor');
    const second = await secondInstance(portal);
    const url = '/tin-tuc/thong-bao';
    for (const app of [portal.app, second]) expect(await page(app, url)).not.toContain('Kế hoạch tiếp công dân quý I');

    const editor = new StaffClient(portal.app);
    await editor.login('editor@kontum.gov.vn');
    await editor.get('/admin/bai-viet/moi');
    const created = await editor.post('/admin/bai-viet', { title: 'Kế hoạch tiếp công dân quý I', categoryId: categories.announcements.id });
    const id = /bai-viet\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    await editor.get(`/admin/bai-viet/${id}`);
    await editor.post(`/admin/bai-viet/${id}`, { title: 'Kế hoạch tiếp công dân quý I', categoryId: categories.announcements.id, lead: 'Lịch tiếp công dân.', body_html: '<p>Nội dung.</p>', _action: 'submit' });
    const chief = new StaffClient(portal.app);
    await chief.login('chief-editor@kontum.gov.vn');
    await chief.get(`/admin/bai-viet/${id}`);
    expect((await chief.post(`/admin/bai-viet/${id}/buoc`, { step: 'publish' })).statusCode).toBe(303);

    expect(await page(portal.app, url)).toContain('Kế hoạch tiếp công dân quý I');
    const took = await waitFor(async () => (await page(second, url)).includes('Kế hoạch tiếp công dân quý I'), 1500);
    if (engine === 'postgres') expect(took).toBeLessThan(1000);
  });

  it('shows a scheduled article within a second of its publication time, not before', async () => {
    portal = await startTestPortal(engine);
    const { siteId, categories } = portal.fixture;
    const publishedAt = new Date(Date.now() + 1500);
    await createArticle(portal.testDb.db.kysely, { siteId, categoryId: categories.announcements.id, title: 'Thông báo hẹn giờ đăng', status: 'published', publishedAt });
    expect(await page(portal.app, '/tin-tuc/thong-bao')).not.toContain('Thông báo hẹn giờ đăng'); // cached now, before its time
    await waitFor(async () => (await page(portal!.app, '/tin-tuc/thong-bao')).includes('Thông báo hẹn giờ đăng'), 4000);
    const late = Date.now() - publishedAt.getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1500); // the page cache alone would have waited up to 60 s
  });

  it('never serves a page rendered before a change it did not include', async () => {
    portal = await startTestPortal(engine);
    const { siteId, categories } = portal.fixture;
    // Many readers while writes land: every answer after a write's return shows that write.
    for (let i = 0; i < 5; i++) {
      const title = `Tin số ${i} về chi trả trợ cấp`;
      const readers = Array.from({ length: 20 }, () => page(portal!.app, '/tin-tuc/thong-bao'));
      await createArticle(portal.testDb.db.kysely, { siteId, categoryId: categories.announcements.id, title, status: 'published', publishedAt: new Date(Date.now() + i) });
      await Promise.all(readers);
      expect(await page(portal.app, '/tin-tuc/thong-bao'), title).toContain(title);
    }
  });
});
