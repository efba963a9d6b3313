import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/platform/db/kysely.js';
import { createTestDb, type TestDb } from './databases.js';
import { buildFixtureSite } from './fixture-site.js';

export interface TestPortal {
  app: FastifyInstance;
  testDb: TestDb;
  fixture: Awaited<ReturnType<typeof buildFixtureSite>>;
  /** SQL statements run since the last reset. */
  queries: string[];
  close(): Promise<void>;
}

/** The app on a fresh database holding the fixture site. */
export async function startTestPortal(engine: Engine, options: { pageTtlMs?: number; rendersPerMinute?: number; env?: Record<string, string> } = {}): Promise<TestPortal> {
  const queries: string[] = [];
  const testDb = await createTestDb(engine, { onQuery: (sql) => queries.push(sql) });
  const config = loadConfig({ DATA_DIR: testDb.dataDir, LOG_LEVEL: 'silent', ...options.env });
  const fixture = await buildFixtureSite(testDb.db.kysely, `${testDb.dataDir}/media`);
  const app = await buildApp({ config, db: testDb.db, logger: false, pageTtlMs: options.pageTtlMs, rendersPerMinute: options.rendersPerMinute });
  queries.length = 0;
  return {
    app,
    testDb,
    fixture,
    queries,
    close: async () => {
      await app.close();
      await testDb.destroy();
    },
  };
}

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

/** Listens on a free loopback port (for tests over real HTTP) and returns the port. */
export async function listenOnLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}
