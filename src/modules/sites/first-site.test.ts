import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Database } from '../../platform/db/database.js';
import { openPostgres, type Db } from '../../platform/db/kysely.js';
import { createArticle } from '../articles/index.js';
import { createCategory } from '../categories/index.js';
import { installDemoSite } from '../demo/index.js';
import { demoSite } from '../demo/demo-content.js';
import { addMenuItem } from '../navigation/index.js';
import { installFirstSiteOnce } from './first-site.js';
import { createSite } from './sites.service.js';

const CONTENT_TABLES = ['sites', 'users', 'media', 'categories', 'articles', 'article_gallery', 'menu_items', 'banners', 'sidebar_blocks'] as const;

/** Another app instance on the same PostgreSQL database: its own pool, as a second process has. */
async function anotherInstance(db: Db): Promise<Db> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db.kysely);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return openPostgres(url.toString());
}

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CONTENT_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const emptySite = (trx: Kysely<Database>) => createSite(trx, { host: 'localhost', name: 'Cổng thông tin điện tử' });

describe.each(ENGINES)('the first site on %s', (engine) => {
  let testDb: TestDb;
  const instances: Db[] = [];

  beforeEach(async () => {
    testDb = await createTestDb(engine);
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((db) => db.close()));
    await testDb.destroy();
  });

  it('is installed on an empty database, and never again', async () => {
    let installs = 0;
    const install = async (trx: Kysely<Database>) => {
      installs++;
      await emptySite(trx);
    };
    expect(await installFirstSiteOnce(testDb.db, install)).toBe(true);
    expect(await installFirstSiteOnce(testDb.db, install)).toBe(false);
    expect(installs).toBe(1);
    expect((await rowCounts(testDb.db.kysely)).sites).toBe(1);
  });

  it('is not installed where a site already exists', async () => {
    await createSite(testDb.db.kysely, { host: 'sldtbxh.kontum.gov.vn', name: 'Sở' });
    expect(await installFirstSiteOnce(testDb.db, emptySite)).toBe(false);
    expect(await testDb.db.kysely.selectFrom('sites').select('host').execute()).toEqual([{ host: 'sldtbxh.kontum.gov.vn' }]);
  });

  it('is installed once when several starts call at the same moment', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => installFirstSiteOnce(testDb.db, emptySite)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await rowCounts(testDb.db.kysely)).sites).toBe(1);
  });

  it.each([
    ['after the site row', 1],
    ['after categories and a menu', 2],
    ['after articles', 3],
  ])('leaves zero rows when the install fails %s, and installs fully on the next start', async (_, failAfter) => {
    const install = async (trx: Kysely<Database>) => {
      const siteId = await emptySite(trx);
      if (failAfter === 1) throw new Error('crash');
      const news = await createCategory(trx, { siteId, name: 'Tin tức' });
      await addMenuItem(trx, { siteId, label: 'Tin tức', url: '/tin-tuc', position: 0 });
      if (failAfter === 2) throw new Error('crash');
      for (let i = 0; i < 3; i++) await createArticle(trx, { siteId, categoryId: news.id, title: 'Chào mừng', status: 'published' });
      throw new Error('crash');
    };
    await expect(installFirstSiteOnce(testDb.db, install)).rejects.toThrow('crash');
    expect(Object.values(await rowCounts(testDb.db.kysely)).every((n) => n === 0)).toBe(true);
    expect(await installFirstSiteOnce(testDb.db, emptySite)).toBe(true);
    expect((await rowCounts(testDb.db.kysely)).sites).toBe(1);
  });

  it('leaves zero rows when the demo install fails midway (pictures already on disk stay)', async () => {
    const mediaDir = path.join(testDb.dataDir, 'media');
    const broken = { ...demoSite, articles: [...demoSite.articles.slice(0, 2), { ...demoSite.articles[0]!, category: 'no-such-category' }] };
    await expect(installFirstSiteOnce(testDb.db, (trx) => installDemoSite(trx, mediaDir, () => {}, broken))).rejects.toThrow('no-such-category');
    expect(Object.values(await rowCounts(testDb.db.kysely)).every((n) => n === 0)).toBe(true);
    expect(fs.readdirSync(mediaDir).length).toBeGreaterThan(0);
  }, 60_000);

  it.runIf(engine === 'postgres').each([4, 8])('is installed once when %i instances start together, each with its own pool', async (count) => {
    for (let i = 1; i < count; i++) instances.push(await anotherInstance(testDb.db));
    const results = await Promise.all([testDb.db, ...instances].map((db) => installFirstSiteOnce(db, emptySite)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await rowCounts(testDb.db.kysely)).sites).toBe(1);
  });

  // The demo's first eight articles: the whole demo takes half a minute here and runs
  // the same code, which demo.seed.test.ts covers in full.
  it.runIf(engine === 'postgres')('installs the demo agency once when four instances start together', async () => {
    const mediaDir = path.join(testDb.dataDir, 'media');
    const demo = { ...demoSite, articles: demoSite.articles.slice(0, 8) };
    for (let i = 1; i < 4; i++) instances.push(await anotherInstance(testDb.db));
    const results = await Promise.all([testDb.db, ...instances].map((db) => installFirstSiteOnce(db, (trx) => installDemoSite(trx, mediaDir, () => {}, demo))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const counts = await rowCounts(testDb.db.kysely);
    expect(counts.sites).toBe(1);
    expect(counts.articles).toBe(8);
    expect(counts.categories).toBe(demoSite.categories.length);
    expect(counts.banners).toBe(demoSite.banners.length);
  }, 60_000);
});
