/**
 * Database errors that mean something to a use-case, recognised the same way on both
 * engines so that repos and services never look at driver codes or messages themselves.
 */

/** A row was refused because it repeats a unique key (or primary key). */
export interface UniqueViolation {
  /** PostgreSQL names the constraint; SQLite does only for a unique index on expressions. */
  constraint?: string;
  table?: string;
  /** The key's columns, when the engine says: SQLite always, PostgreSQL in the error detail. */
  columns?: string[];
}

/** How a repo names one of its unique keys, so a violation can be matched on either engine. */
export interface UniqueKey {
  /** The constraint's name, as PostgreSQL reports it. */
  constraint: string;
  table: string;
  /** Columns in the constraint's order, as SQLite reports them. */
  columns: readonly string[];
}

const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
/** unique_violation, https://www.postgresql.org/docs/current/errcodes-appendix.html */
const POSTGRES_UNIQUE_CODE = '23505';
// better-sqlite3: "UNIQUE constraint failed: articles.site_id, articles.slug"
const SQLITE_COLUMNS = /^UNIQUE constraint failed: ((?:[\w$]+\.[\w$]+)(?:, [\w$]+\.[\w$]+)*)$/;
// SQLite names the index instead when the key is an expression: "… failed: index 'name'"
const SQLITE_INDEX = /^UNIQUE constraint failed: index '([^']+)'$/;
// PostgreSQL's detail: "Key (site_id, slug)=(…) already exists."
const POSTGRES_KEY = /^Key \(([^)]*)\)=/;

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  table?: unknown;
  detail?: unknown;
  cause?: unknown;
}

function asDriverError(error: unknown): DriverError | undefined {
  return typeof error === 'object' && error !== null ? (error as DriverError) : undefined;
}

function fromSqlite(error: DriverError): UniqueViolation {
  const message = typeof error.message === 'string' ? error.message : '';
  const index = SQLITE_INDEX.exec(message);
  if (index) return { constraint: index[1] };
  const columns = SQLITE_COLUMNS.exec(message)?.[1]?.split(', ').map((qualified) => qualified.split('.') as [string, string]);
  if (!columns) return {};
  return { table: columns[0]![0], columns: columns.map(([, column]) => column) };
}

function fromPostgres(error: DriverError): UniqueViolation {
  const columns = typeof error.detail === 'string' ? POSTGRES_KEY.exec(error.detail)?.[1]?.split(', ') : undefined;
  return {
    ...(typeof error.constraint === 'string' ? { constraint: error.constraint } : {}),
    ...(typeof error.table === 'string' ? { table: error.table } : {}),
    ...(columns ? { columns } : {}),
  };
}

/**
 * The unique violation behind an error, if that is what it is: better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY, or PostgreSQL's 23505. Follows `cause`, since a
 * layer may wrap the driver's error.
 */
export function uniqueViolationOf(error: unknown): UniqueViolation | undefined {
  // Bounded: a cause chain that loops must not hang the error path.
  for (let current = asDriverError(error), depth = 0; current && depth < 8; current = asDriverError(current.cause), depth++) {
    if (typeof current.code === 'string' && SQLITE_UNIQUE_CODES.has(current.code)) return fromSqlite(current);
    if (current.code === POSTGRES_UNIQUE_CODE) return fromPostgres(current);
  }
  return undefined;
}

/**
 * PostgreSQL refused text it cannot store: a NUL character (22021), or bytes that are
 * not UTF-8 (22P05). SQLite stores both; the services strip control characters, and this
 * is the net under anything that reached a query anyway (a 400, never a 500).
 */
export function isUnstorableTextError(error: unknown): boolean {
  for (let current = asDriverError(error), depth = 0; current && depth < 8; current = asDriverError(current.cause), depth++) {
    if (current.code === '22021' || current.code === '22P05') return true;
  }
  return false;
}

/** Whether an error is a violation of this particular key, on either engine. */
export function isUniqueViolationOf(error: unknown, key: UniqueKey): boolean {
  const violation = uniqueViolationOf(error);
  if (!violation) return false;
  if (violation.constraint !== undefined) return violation.constraint === key.constraint;
  return violation.table === key.table && violation.columns?.join(',') === key.columns.join(',');
}
