/**
 * The one place that reads process.env. Every problem is collected and reported together,
 * so an operator fixes a broken .env in one pass instead of one restart per mistake.
 */
import path from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Where the SQLite file and uploaded media live. */
  readonly dataDir: string;
  /** `postgres://…` switches to PostgreSQL; empty means SQLite in dataDir. */
  readonly databaseUrl: string | undefined;
  /** Public address used in absolute links (feeds, sitemaps); derived from the request when unset. */
  readonly baseUrl: string | undefined;
  /** Install the demo agency on the first start of an empty database. */
  readonly isDemoEnabled: boolean;
  readonly logLevel: string;
  /** Trust X-Forwarded-* from a reverse proxy (nginx) in front of Cổng. */
  readonly trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}="${raw}" phải là true hoặc false`);
  return fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT="${env.PORT}" phải là số cổng từ 0 đến 65535`);

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL phải bắt đầu bằng postgres:// (bỏ trống để dùng SQLite trong DATA_DIR)');
  }

  const baseUrl = env.BASE_URL ? env.BASE_URL.replace(/\/+$/, '') : undefined;
  if (baseUrl && !URL.canParse(baseUrl)) problems.push(`BASE_URL="${env.BASE_URL}" không phải là địa chỉ hợp lệ, ví dụ https://sldtbxh.kontum.gov.vn`);

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" phải là một trong: ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    baseUrl,
    isDemoEnabled: parseBoolean('CONG_DEMO', env.CONG_DEMO, true, problems),
    logLevel,
    trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY, false, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
