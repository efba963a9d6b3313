/**
 * The one place that reads process.env. Every problem is collected and reported together,
 * so an operator fixes a broken .env in one pass instead of one restart per mistake.
 *
 * An empty value means "unset" only where leaving a setting out is itself a choice
 * (DATABASE_URL, BASE_URL, CONG_DEMO, TRUST_PROXY); for PORT, HOST, DATA_DIR and LOG_LEVEL
 * an empty value is a mistake and is reported, never quietly replaced (PORT="" used to
 * become a random port).
 */
import net from 'node:net';
import path from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import { ROLES, type Role } from './modules/accounts/roles.js';
import { parseOrigin } from './platform/http/origin.js';

export interface Config {
  /** 1–65535. */
  readonly port: number;
  /** Address to listen on: an IP address or a host name. */
  readonly host: string;
  /** Where the SQLite file and uploaded media live. */
  readonly dataDir: string;
  /** `postgres://…` switches to PostgreSQL; empty means SQLite in dataDir. */
  readonly databaseUrl: string | undefined;
  /**
   * Public origin, `scheme://host[:port]` in lower case (no path, query or credentials):
   * it seeds the default site's canonical origin, used in absolute links (feeds, sitemaps).
   */
  readonly baseUrl: string | undefined;
  /** Install the demo agency on the first start of an empty database. */
  readonly isDemoEnabled: boolean;
  readonly logLevel: string;
  /**
   * Reverse proxies (nginx, a CDN) in front of Cổng whose X-Forwarded-* headers are
   * believed: IP addresses, CIDR ranges or proxy-addr's named ranges (`loopback`,
   * `linklocal`, `uniquelocal`). false: none, the socket's peer is the reader.
   */
  readonly trustProxy: false | string[];
  /** The staff side's account rules (CONG_2FA_REQUIRED_ROLES, CONG_STAFF_ALLOW, CONG_SESSION_*). */
  readonly staff: StaffConfig;
}


export interface StaffConfig {
  /** Roles that must set up two-factor login before doing anything else (super-admins count as admin). */
  readonly twoFactorRoles: readonly Role[];
  /** Address ranges allowed into /admin and /api/admin (IP or CIDR); empty: everyone. */
  readonly allowedRanges: readonly string[];
  /** A session ends after this long without a request. */
  readonly sessionIdleMs: number;
  /** …and after this long in any case. */
  readonly sessionMaxMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}="${raw}" phải là true hoặc false`);
  return fallback;
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 3000;
  // Digits only: Number() would take '', ' ', '1e3', '0x10' and '3000 ' as ports.
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (port >= 1 && port <= 65535) return port;
  problems.push(`PORT="${raw}" phải là số cổng từ 1 đến 65535, chỉ gồm chữ số (ví dụ 3000)`);
  return 3000;
}

function parseHost(raw: string | undefined, problems: string[]): string {
  if (raw === undefined) return '0.0.0.0';
  if (net.isIP(raw) || HOST_NAME.test(raw)) return raw;
  problems.push(`HOST="${raw}" phải là một địa chỉ IP hoặc tên máy, không có khoảng trắng, cổng hay http:// (ví dụ 0.0.0.0, 127.0.0.1 hoặc ::)`);
  return '0.0.0.0';
}

function parseDataDir(raw: string | undefined, problems: string[]): string {
  if (raw === undefined) return path.resolve('data');
  if (raw.trim() === '' || raw.trim() !== raw || raw.includes('\0')) {
    problems.push(`DATA_DIR="${raw}" phải là một thư mục, không để trống và không có khoảng trắng ở đầu hay cuối (ví dụ /var/lib/cong)`);
    return path.resolve('data');
  }
  return path.resolve(raw);
}

function parseLogLevel(raw: string | undefined, problems: string[]): string {
  if (raw === undefined) return 'info';
  if (LOG_LEVELS.includes(raw)) return raw;
  problems.push(`LOG_LEVEL="${raw}" phải là một trong: ${LOG_LEVELS.join(', ')}`);
  return 'info';
}

// The value is never echoed back: it may hold a password.
function parseDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // pg reads more than WHATWG URLs allow (postgres://user@/db?host=/run/postgresql), so only the shape is checked.
  if (/^postgres(ql)?:\/\/\S+$/.test(raw)) return raw;
  problems.push('DATABASE_URL phải bắt đầu bằng postgres:// và là một địa chỉ hợp lệ, ví dụ postgres://cong:mat-khau@localhost:5432/cong (bỏ trống để dùng SQLite trong DATA_DIR)');
  return undefined;
}

function baseUrlProblem(raw: string): string {
  const example = 'ví dụ https://sldtbxh.kontum.gov.vn';
  if (!URL.canParse(raw.trim())) return `BASE_URL="${raw}" không phải là địa chỉ hợp lệ, ${example}`;
  const url = new URL(raw.trim());
  if (url.username || url.password) return `BASE_URL không được chứa tên đăng nhập hay mật khẩu, ${example}`;
  if (!['http:', 'https:'].includes(url.protocol)) return `BASE_URL="${raw}" phải bắt đầu bằng http:// hoặc https://, ${example}`;
  if (raw.trim() !== raw) return `BASE_URL="${raw}" có khoảng trắng ở đầu hoặc cuối`;
  return `BASE_URL="${raw}" chỉ được gồm giao thức, tên miền và cổng, không có đường dẫn, ? hay #, ${example}`;
}

function parseBaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const origin = parseOrigin(raw);
  if (origin && raw.trim() === raw && !/\/\/[^/]*@/.test(raw)) return origin;
  problems.push(baseUrlProblem(raw));
  return undefined;
}

const PROXY_EXAMPLE = 'ví dụ TRUST_PROXY=127.0.0.1 khi nginx chạy trên cùng máy, hoặc TRUST_PROXY=10.0.0.0/8,::1';

/**
 * Only named proxies are trusted. `true` would believe every hop, so the leftmost
 * X-Forwarded-For, which the client writes itself, would become the reader's address.
 * A hop count cannot tell a proxy from a client that connects directly and sends its own
 * header; Fastify 5.12 ignores hop counts for that reason, so they are refused here too.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | string[] {
  if (raw === undefined || raw === '' || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    problems.push(`TRUST_PROXY="${raw}" sẽ tin mọi bước chuyển tiếp, nên ai cũng tự khai được địa chỉ của mình qua X-Forwarded-For; hãy ghi địa chỉ IP hoặc dải mạng của các proxy đứng trước Cổng, ${PROXY_EXAMPLE}`);
    return false;
  }
  if (/^\d+$/.test(raw)) {
    problems.push(`TRUST_PROXY="${raw}": số lượng proxy không phân biệt được proxy với người đọc kết nối thẳng tới Cổng; hãy ghi địa chỉ IP hoặc dải mạng của các proxy, ${PROXY_EXAMPLE}`);
    return false;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressRange(entry));
  if (bad.length === 0) return entries;
  problems.push(`TRUST_PROXY có mục không phải địa chỉ IP hay dải mạng (CIDR): ${bad.map((entry) => `"${entry}"`).join(', ')}; ${PROXY_EXAMPLE}`);
  return false;
}

/** An IP address, a CIDR range or a named range, as proxy-addr (Fastify's) will read it. */
function isAddressRange(entry: string): boolean {
  if (NAMED_PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128))) return false;
  try {
    proxyAddr.compile(entry);
    return true;
  } catch {
    return false;
  }
}

function parseRoles(raw: string | undefined, problems: string[]): Role[] {
  if (raw === undefined) return ['admin'];
  if (['', 'none', 'khong'].includes(raw.trim().toLowerCase())) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !(ROLES as readonly string[]).includes(entry));
  if (bad.length === 0) return entries as Role[];
  problems.push(`CONG_2FA_REQUIRED_ROLES có vai trò không tồn tại: ${bad.map((entry) => `"${entry}"`).join(', ')}; các vai trò là ${ROLES.join(', ')}, hoặc none để không bắt buộc`);
  return ['admin'];
}

function parseAllowedRanges(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressRange(entry));
  if (bad.length === 0) return entries;
  problems.push(`CONG_STAFF_ALLOW có mục không phải địa chỉ IP hay dải mạng (CIDR): ${bad.map((entry) => `"${entry}"`).join(', ')}; ví dụ CONG_STAFF_ALLOW=10.10.0.0/16,203.162.1.5`);
  return [];
}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number, range: { min: number; max: number }, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (value >= range.min && value <= range.max) return value;
  problems.push(`${name}="${raw}" phải là số nguyên từ ${range.min} đến ${range.max}`);
  return fallback;
}

function parseStaff(env: NodeJS.ProcessEnv, problems: string[]): StaffConfig {
  const idleMinutes = parseWholeNumber('CONG_SESSION_IDLE_MINUTES', env.CONG_SESSION_IDLE_MINUTES, 30, { min: 1, max: 24 * 60 }, problems);
  const maxHours = parseWholeNumber('CONG_SESSION_MAX_HOURS', env.CONG_SESSION_MAX_HOURS, 12, { min: 1, max: 24 * 30 }, problems);
  return Object.freeze({
    twoFactorRoles: Object.freeze(parseRoles(env.CONG_2FA_REQUIRED_ROLES, problems)),
    allowedRanges: Object.freeze(parseAllowedRanges(env.CONG_STAFF_ALLOW, problems)),
    sessionIdleMs: idleMinutes * 60_000,
    sessionMaxMs: maxHours * 3_600_000,
  });
}

/** Where uploaded files live: DATA_DIR/media. */
export function mediaDirOf(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'media');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const config: Config = {
    port: parsePort(env.PORT, problems),
    host: parseHost(env.HOST, problems),
    dataDir: parseDataDir(env.DATA_DIR, problems),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL, problems),
    baseUrl: parseBaseUrl(env.BASE_URL, problems),
    isDemoEnabled: parseBoolean('CONG_DEMO', env.CONG_DEMO, true, problems),
    logLevel: parseLogLevel(env.LOG_LEVEL, problems),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    staff: parseStaff(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
