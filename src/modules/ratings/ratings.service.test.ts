import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { buildFixtureSite } from '../../../test/helpers/fixture-site.js';
import { operatorScope } from '../accounts/index.js';
import { seedDemoIndicators, unpublishIndicator } from '../indicators/index.js';
import { secretOfDay } from './rating-secrets.js';
import { seedDemoRatings } from './ratings.demo.js';
import { exportRatings, listRatingResults, submitRating } from './ratings.service.js';

describe.each(ENGINES)('ratings on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    ({ siteId } = await buildFixtureSite(db(), `${testDb.dataDir}/media`));
  });
  afterAll(async () => testDb.destroy());

  it("keeps one secret a day and deletes the earlier days' secrets", async () => {
    const monday = await secretOfDay(db(), '2026-11-23');
    expect(await secretOfDay(db(), '2026-11-23')).toBe(monday);
    const tuesday = await secretOfDay(db(), '2026-11-24');
    expect(tuesday).not.toBe(monday);
    expect((await db().selectFrom('rating_secrets').select('day').execute()).map((r) => r.day)).toEqual(['2026-11-24']);
  });

  it('gives the same reader a new key the next day: yesterday\'s rating stays, a new one is counted', async () => {
    const path = '/gioi-thieu/van-phong-so/gioi-thieu-van-phong-so';
    const reader = { siteId, actor: null, clientIp: '203.0.113.9', now: new Date('2026-11-25T03:00:00Z') };
    expect((await submitRating(db(), reader, { path, useful: 'yes', userAgent: 'Chrome' })).outcome).toBe('stored');
    expect((await submitRating(db(), reader, { path, useful: 'no', userAgent: 'Chrome' })).outcome).toBe('replaced');
    expect((await submitRating(db(), { ...reader, now: new Date('2026-11-26T03:00:00Z') }, { path, useful: 'no', userAgent: 'Chrome' })).outcome).toBe('stored');
    const rows = await db().selectFrom('ratings').select(['day', 'is_useful', 'reader_key']).where('page_path', '=', path).orderBy('day').execute();
    expect(rows.map((r) => [r.day, r.is_useful])).toEqual([['2026-11-25', 0], ['2026-11-26', 0]]);
    expect(rows[0]!.reader_key).not.toBe(rows[1]!.reader_key);
  });

  it("rates any module's published page (an indicator here), and refuses it once unpublished", async () => {
    await seedDemoIndicators(db(), siteId, new Date(Date.now() - 60_000));
    const reader = { siteId, actor: null, clientIp: '203.0.113.10', now: new Date() };
    const path = '/chi-tieu/giai-quyet-viec-lam';
    const rated = await submitRating(db(), reader, { path, useful: 'yes', userAgent: 'Chrome' });
    expect(rated).toMatchObject({ outcome: 'stored', page: { path, title: 'Giải quyết việc làm cho người lao động', categoryId: null } });
    const { id } = await db().selectFrom('indicators').select('id').where('slug', '=', 'giai-quyet-viec-lam').executeTakeFirstOrThrow();
    await unpublishIndicator(db(), operatorScope(siteId), { indicatorId: id });
    await expect(submitRating(db(), { ...reader, clientIp: '203.0.113.11' }, { path, useful: 'yes', userAgent: 'Chrome' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'path' });
  });

  it('lets only staff with rating.read see results or export', async () => {
    const anonymous = { siteId, actor: null, clientIp: '203.0.113.9', now: new Date() };
    await expect(listRatingResults(db(), anonymous, { order: 'least-useful' })).rejects.toThrow();
    await expect(exportRatings(db(), anonymous)).rejects.toThrow();
    const results = await listRatingResults(db(), operatorScope(siteId), { order: 'least-useful' });
    expect(results.total.total).toBeGreaterThan(0);
  });

  it('seeds demo ratings on published articles, through the same rules', async () => {
    const written = await seedDemoRatings(db(), { siteId, mediaDir: `${testDb.dataDir}/media`, now: new Date() });
    expect(written).toBe(16 + 12 + 9 + 8);
    const results = await listRatingResults(db(), operatorScope(siteId), { order: 'least-useful' });
    expect(results.pages.length).toBeGreaterThanOrEqual(4);
    expect(results.pages.every((p) => p.path.startsWith('/'))).toBe(true);
    expect(results.total.comments).toBeGreaterThan(0);
  });
});
