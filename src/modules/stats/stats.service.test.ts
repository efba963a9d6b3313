import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Db } from '../../platform/db/kysely.js';
import { createArticle } from '../articles/index.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { StatsRecorder } from './stats.service.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const PERSISTED_VISITS = 69534;
const PERSISTED_VIEWS = 2577;

/**
 * The Db with every query's result held back until the test lets it through, one query
 * at a time: a flush that is slow at whichever statement the test chooses.
 */
function slowDb(db: Db) {
  let isHolding = false;
  const waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let arrived: (() => void) | undefined;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }: PluginTransformQueryArgs): RootOperationNode => node,
    async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (!isHolding) return result;
      await new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        arrived?.();
      });
      return result;
    },
  };
  return {
    db: { ...db, kysely: db.kysely.withPlugin(plugin) } satisfies Db,
    hold: () => void (isHolding = true),
    /** Resolves once a statement is being held. */
    nextHeld: () => (waiting.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => (arrived = resolve))),
    pass: () => waiting.shift()!.resolve(),
    fail: () => waiting.shift()!.reject(new Error('ổ đĩa đầy')),
    stopHolding: () => {
      isHolding = false;
      while (waiting.length > 0) waiting.shift()!.resolve();
    },
  };
}

describe.each(ENGINES)('counts shown while counters are flushed on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let articleId: string;
  let slow: ReturnType<typeof slowDb>;
  let stats: StatsRecorder;
  let requests: number;
  let shown: { visits: number; views: number }[];

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'localhost', name: 'Sở', visitCount: PERSISTED_VISITS });
    const category = await createCategory(db, { siteId, name: 'Tin tức' });
    articleId = (await createArticle(db, { siteId, categoryId: category.id, title: 'Hội nghị', status: 'published', viewCount: PERSISTED_VIEWS })).id;
    slow = slowDb(testDb.db);
    stats = new StatsRecorder(slow.db);
    requests = 0;
    shown = [];
  });
  afterEach(async () => {
    slow.stopHolding();
    await stats.flush().catch(() => {});
    await testDb.destroy();
  });

  /** Readers from new addresses: each request is a view and a visit. Bots and HEADs count nothing. */
  function read(count: number, kind: 'reader' | 'bot' | 'head' = 'reader') {
    for (let i = 0; i < count; i++) {
      if (kind === 'reader') requests++;
      const reader = { siteId, ip: `203.0.113.${requests % 250}`, userAgent: kind === 'bot' ? 'Googlebot/2.1' : `${BROWSER} ${requests}`, now: Date.now() };
      const result = stats.recordPageRequest({ reader, isCounted: kind !== 'head', persistedVisits: PERSISTED_VISITS, article: { id: articleId, viewCount: PERSISTED_VIEWS } });
      shown.push({ visits: result.visits, views: result.views! });
    }
  }

  function expectExactAndNeverDipping() {
    for (let i = 1; i < shown.length; i++) {
      expect(shown[i]!.views, `request ${i}`).toBeGreaterThanOrEqual(shown[i - 1]!.views);
      expect(shown[i]!.visits, `request ${i}`).toBeGreaterThanOrEqual(shown[i - 1]!.visits);
    }
    expect(shown.at(-1)).toEqual({ visits: PERSISTED_VISITS + requests, views: PERSISTED_VIEWS + requests });
  }

  async function stored() {
    const article = await testDb.db.kysely.selectFrom('articles').select('view_count').where('id', '=', articleId).executeTakeFirstOrThrow();
    const site = await testDb.db.kysely.selectFrom('sites').select('visit_count').where('id', '=', siteId).executeTakeFirstOrThrow();
    return { visits: Number(site.visit_count), views: Number(article.view_count) };
  }

  it.each([
    { name: 'held at its first statement', passBefore: 0 },
    { name: 'held between the view and the visit statements', passBefore: 1 },
  ])('never dip while a flush is in flight, $name, nor after it commits', async ({ passBefore }) => {
    read(5);
    for (let round = 1; round <= 3; round++) {
      slow.hold();
      const flushing = stats.flush();
      for (let step = 0; step < passBefore; step++) {
        await slow.nextHeld();
        read(3);
        slow.pass();
      }
      await slow.nextHeld();
      read(4);
      read(2, 'bot');
      read(1, 'head');
      expectExactAndNeverDipping();
      slow.stopHolding();
      await flushing;
      read(2);
      expectExactAndNeverDipping();
    }
    await stats.flush();
    expect(await stored()).toEqual({ visits: PERSISTED_VISITS + requests, views: PERSISTED_VIEWS + requests });
  });

  it.each([0, 1])('never dip when a flush fails at statement %i, and lose nothing', async (failAt) => {
    read(5);
    for (let round = 1; round <= 3; round++) {
      slow.hold();
      const flushing = stats.flush();
      for (let step = 0; step < failAt; step++) {
        await slow.nextHeld();
        read(1);
        slow.pass();
      }
      await slow.nextHeld();
      read(3);
      slow.fail();
      await expect(flushing).rejects.toThrow('ổ đĩa đầy');
      slow.stopHolding();
      read(2);
      expectExactAndNeverDipping();
      expect(await stored()).toEqual({ visits: PERSISTED_VISITS, views: PERSISTED_VIEWS });
    }
    await stats.flush();
    read(1);
    expectExactAndNeverDipping();
    await stats.flush();
    expect(await stored()).toEqual({ visits: PERSISTED_VISITS + requests, views: PERSISTED_VIEWS + requests });
  });

  it.skipIf(engine !== 'postgres')('never dip while another connection holds the article row and the flush waits for it', async () => {
    read(5);
    // 1. Another connection locks the row the flush must update.
    const locker = await testDb.db.kysely.startTransaction().execute();
    await locker.selectFrom('articles').select('id').where('id', '=', articleId).forUpdate().execute();
    // 2. The flush starts and waits on the lock inside PostgreSQL.
    let isDone = false;
    const flushing = stats.flush().then(() => void (isDone = true));
    try {
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        read(2);
      }
      expect(isDone).toBe(false);
      expectExactAndNeverDipping();
    } catch (error) {
      await locker.rollback().execute();
      throw error;
    }
    // 3. The lock goes; the flush commits; readers keep seeing every count once.
    await locker.commit().execute();
    await flushing;
    read(3);
    expectExactAndNeverDipping();
    await stats.flush();
    expect(await stored()).toEqual({ visits: PERSISTED_VISITS + requests, views: PERSISTED_VIEWS + requests });
  });
});
