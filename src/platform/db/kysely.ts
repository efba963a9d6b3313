/**
 * Opens Kysely on either engine. SQLite is the embedded default; a postgres:// URL is the
 * scale path. Everything above this file is engine-neutral.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';
import type { Database } from './database.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /**
   * PostgreSQL only: LISTEN on `channel` over a connection of its own, reconnecting after
   * a failure (`onConnect` runs after every (re)connection, to catch up on what was
   * missed). Returns the function that stops listening.
   */
  listen?(channel: string, handlers: { onPayload: (payload: string) => void; onConnect: () => void; onError: (error: Error) => void }): () => Promise<void>;
  close(): Promise<void>;
}

/**
 * Kysely's SQLite driver opens transactions with a plain BEGIN, which takes the write lock
 * only at the first write: two such transactions can both read, then one fails with
 * SQLITE_BUSY on upgrade. BEGIN IMMEDIATE takes the lock up front, so the busy timeout
 * applies and writers queue instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite rolls DDL back with the transaction, but Kysely's adapter says it cannot, so its
 * migrator would run migrations outside one: a failing migration would leave half its
 * tables behind, and two processes could migrate at once (the adapter takes no lock).
 * Saying yes runs all pending migrations in one BEGIN IMMEDIATE transaction, which is
 * also the lock. A future migration that must run outside a transaction (PRAGMA
 * foreign_keys, VACUUM) needs the migrator's `disableTransactions`.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SQLite.Database) {
    super({ database });
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Called after every query; tests count queries per page with it. */
export type QueryListener = (sql: string) => void;

function logOption(onQuery: QueryListener | undefined) {
  return onQuery ? { log: (event: { query: { sql: string } }) => onQuery(event.query.sql) } : {};
}

export function openSqlite(file: string, onQuery?: QueryListener): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes a commit durable before
  // we acknowledge it to a client (NORMAL could lose the last commits on power loss).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database), ...logOption(onQuery) });
  return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
}

// PostgreSQL returns BIGINT and COUNT(*) as strings; our counters fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A connection PostgreSQL drops (a server restart, an administrator's terminate, a
 * failover) emits 'error'; with no listener Node would end the whole process. The pool
 * discards such a connection and opens a new one for the next query, so the error is
 * only reported. Each client gets a listener of its own too: one that errs while being
 * closed is no longer the pool's.
 */
function reportConnectionError(error: Error): void {
  console.error(`PostgreSQL: một kết nối bị đóng (${error.message}); kết nối mới sẽ được mở khi cần.`);
}

export function openPostgres(connectionString: string, onQuery?: QueryListener, poolSize = 10, onConnectionError: (error: Error) => void = reportConnectionError): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...logOption(onQuery) });
  return { kysely, engine: 'postgres', listen: (channel, handlers) => listenForNotifications(connectionString, channel, handlers), close: () => kysely.destroy() };
}

const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];

function listenForNotifications(connectionString: string, channel: string, handlers: Parameters<NonNullable<Db['listen']>>[1]): () => Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let client: pg.Client | undefined;
  let isStopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const reconnectLater = (error: Error) => {
    handlers.onError(error);
    client?.removeAllListeners();
    client?.on('error', () => {}); // late errors of the dead connection
    client?.end().catch(() => {});
    client = undefined;
    if (isStopped || retry) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(failures++, RECONNECT_DELAYS_MS.length - 1)]!;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    retry.unref();
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    client = next;
    next.on('error', reconnectLater);
    next.on('end', () => !isStopped && client === next && reconnectLater(new Error('LISTEN connection ended')));
    next.on('notification', (message) => message.channel === channel && handlers.onPayload(message.payload ?? ''));
    try {
      await next.connect();
      if (isStopped) {
        await next.end().catch(() => {});
        return;
      }
      await next.query(`listen ${channel}`);
      failures = 0;
      handlers.onConnect();
    } catch (error) {
      if (client === next) reconnectLater(error as Error);
    }
  };

  void connect();
  return async () => {
    isStopped = true;
    clearTimeout(retry);
    const last = client;
    client = undefined;
    last?.removeAllListeners();
    last?.on('error', () => {});
    await last?.end().catch(() => {});
  };
}

export function openDb(options: { databaseUrl: string | undefined; dataDir: string }): Db {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openSqlite(path.join(options.dataDir, 'cong.sqlite'));
}
