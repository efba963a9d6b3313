/**
 * The start-up story of `cong serve`: config → database → migrations → content → HTTP →
 * graceful shutdown. Each step logs, so an operator can see where a start stopped.
 */
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { mediaDirOf, type Config } from './config.js';
import { migrations } from './migrations/index.js';
import { openDb, type Db } from './platform/db/kysely.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { installDemoSite } from './modules/demo/index.js';
import { createSite, installFirstSiteOnce, seedDefaultOrigin } from './modules/sites/index.js';

/** How long a graceful shutdown may take before the process exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

export async function serve(config: Config): Promise<{ app: FastifyInstance; db: Db }> {
  const db = openDb(config);
  const applied = await migrateToLatest(db, migrations);

  const app = await (async () => {
    // Once, in one transaction, even when several instances start together on an empty
    // PostgreSQL; a crash midway leaves no half site for the next start to trip over.
    await installFirstSiteOnce(db, (trx) =>
      config.isDemoEnabled
        ? installDemoSite(trx, mediaDirOf(config), (message) => console.log(message))
        : // Production start: one empty site that staff fill in from /admin.
          createSite(trx, { host: 'localhost', name: 'Cổng thông tin điện tử', languages: ['vi', 'en'] }),
    );
    const originSeed = await seedDefaultOrigin(db.kysely, config.baseUrl);
    const app = await buildApp({ config, db });
    if (originSeed === 'kept') app.log.warn('BASE_URL khác địa chỉ gốc đã lưu của trang mặc định; địa chỉ đã lưu được dùng. Đổi bằng "npx cong site set-origin".');
    return app;
  })();
  app.log.info({ engine: db.engine, migrationsApplied: applied, dataDir: config.dataDir }, 'database ready');

  // SIGTERM/SIGINT: stop accepting, answer what is in flight with Connection: close,
  // write the counters, then exit 0. Past the deadline the process exits 1 anyway, so a
  // stuck client cannot hold a deploy (systemd's TimeoutStopSec must be longer).
  closeWithGrace({ delay: SHUTDOWN_DEADLINE_MS, logger: { error: (message: string) => app.log.error(message) } }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'stopping after an unexpected error');
    else app.log.info({ signal }, 'shutting down: finishing requests and writing counters');
    await app.close();
    await db.close();
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  app.log.info(`Cổng đang chạy: ${config.baseUrl ?? `http://${shownHost}:${port}`}`);
  return { app, db };
}
