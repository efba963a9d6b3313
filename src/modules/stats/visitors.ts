/**
 * Who is a visitor, without keeping personal data: a hash of IP and user agent salted
 * with a random value that changes every day (as privacy-friendly analytics do), held only
 * in memory. Yesterday's salt is forgotten, so hashes cannot be linked across days.
 */
import crypto from 'node:crypto';

/** A visit is a visitor's first request after this much silence. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 3600_000;
/** Vietnam is UTC+7 all year: the salt changes at local midnight. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

const BOT_PATTERN = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|bingpreview/i;

/** Obvious robots are not readers: they do not raise view or visit counters. */
export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || BOT_PATTERN.test(userAgent);
}

export interface VisitorRequest {
  siteId: string;
  ip: string;
  userAgent: string;
  now: number;
  /**
   * The keep-alive connection the request came on, if any. Its last key is reused when
   * site, address and browser are the same, sparing a hash per request; the check matters
   * behind a proxy, whose connections carry many readers.
   */
  connection?: object;
}

interface KnownKey {
  siteId: string;
  ip: string;
  userAgent: string;
  salt: Buffer;
  key: string;
}

export class VisitorTracker {
  private salt = crypto.randomBytes(16);
  private rotatesAt = 0;
  private lastSeen = new Map<string, number>();
  private readonly keysByConnection = new WeakMap<object, KnownKey>();

  /** True when this request starts a new visit. */
  isNewVisit(input: VisitorRequest): boolean {
    if (input.now >= this.rotatesAt) this.rotateSalt(input.now);
    const key = this.visitorKey(input);
    const previous = this.lastSeen.get(key);
    this.lastSeen.set(key, input.now);
    return previous === undefined || input.now - previous >= VISIT_GAP_MS;
  }

  /** Drops visitors silent for longer than a visit gap; they would start a new visit anyway. */
  prune(now: number): void {
    for (const [key, seen] of this.lastSeen) if (now - seen >= VISIT_GAP_MS) this.lastSeen.delete(key);
  }

  get trackedCount(): number {
    return this.lastSeen.size;
  }

  private visitorKey(input: VisitorRequest): string {
    const known = input.connection && this.keysByConnection.get(input.connection);
    if (known && known.salt === this.salt && known.siteId === input.siteId && known.ip === input.ip && known.userAgent === input.userAgent) return known.key;
    const key = crypto.createHash('sha256').update(this.salt).update(input.siteId).update('\0').update(input.ip).update('\0').update(input.userAgent).digest('base64url');
    if (input.connection) this.keysByConnection.set(input.connection, { siteId: input.siteId, ip: input.ip, userAgent: input.userAgent, salt: this.salt, key });
    return key;
  }

  private rotateSalt(now: number): void {
    this.salt = crypto.randomBytes(16);
    this.lastSeen = new Map();
    this.rotatesAt = (Math.floor((now + VIETNAM_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - VIETNAM_OFFSET_MS;
  }
}
