/**
 * Who is a visitor, without keeping personal data: a hash of IP and user agent salted
 * with a random value that changes every day (as privacy-friendly analytics do), held only
 * in memory. Yesterday's salt is forgotten, so hashes cannot be linked across days.
 */
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A visit is a visitor's first request after this much silence. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
const DAY_MS = 24 * 3600_000;
/** Vietnam is UTC+7 all year: the salt changes at local midnight. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * Visitors remembered at once. The browser string is free text, so a client rotating it
 * makes a new visitor per request: past this bound the least recently seen are forgotten
 * (and count a new visit if they come back within the gap). About 200 bytes each.
 */
export const MAX_TRACKED_VISITORS = 100_000;
/** Only so much of a browser string is hashed; the rest tells no readers apart. */
const MAX_USER_AGENT_LENGTH = 512;

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
  private lastSeen: LRUCache<string, number>;
  private readonly keysByConnection = new WeakMap<object, KnownKey>();

  constructor(private readonly maxVisitors = MAX_TRACKED_VISITORS) {
    this.lastSeen = new LRUCache({ max: maxVisitors });
  }

  /** True when this request starts a new visit. */
  isNewVisit(input: VisitorRequest): boolean {
    if (input.now >= this.rotatesAt) this.rotateSalt(input.now);
    const key = this.visitorKey({ ...input, userAgent: input.userAgent.slice(0, MAX_USER_AGENT_LENGTH) });
    const previous = this.lastSeen.get(key);
    this.lastSeen.set(key, input.now);
    return previous === undefined || input.now - previous >= VISIT_GAP_MS;
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
    this.lastSeen = new LRUCache({ max: this.maxVisitors });
    this.rotatesAt = (Math.floor((now + VIETNAM_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - VIETNAM_OFFSET_MS;
  }
}
