/**
 * The start-up story of `cong serve`: config → database → migrations → content → HTTP →
 * graceful shutdown. Each step logs, so an operator can see where a start stopped.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, mediaDirOf } from './app.js';
import type { Config } from './config.js';
import { migrations } from './migrations/index.js';
import { openDb, type Db } from './platform/db/kysely.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { installDemoSite } from './modules/demo/index.js';
import { createSite, hasAnySite } from './modules/sites/index.js';

export async function serve(config: Config): Promise<{ app: FastifyInstance; db: Db }> {
  const db = openDb(config);
  const applied = await migrateToLatest(db, migrations);

  const app = await (async () => {
    if (!(await hasAnySite(db.kysely))) {
      if (config.isDemoEnabled) {
        await installDemoSite(db.kysely, mediaDirOf(config), (message) => console.log(message));
      } else {
        // Production start: one empty site that staff fill in from /admin.
        await createSite(db.kysely, { host: 'localhost', name: 'Cổng thông tin điện tử' });
      }
    }
    return buildApp({ config, db });
  })();
  app.log.info({ engine: db.engine, migrationsApplied: applied, dataDir: config.dataDir }, 'database ready');

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down: finishing requests and writing counters');
    try {
      await app.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  app.log.info(`Cổng đang chạy: ${config.baseUrl ?? `http://${shownHost}:${port}`}`);
  return { app, db };
}
