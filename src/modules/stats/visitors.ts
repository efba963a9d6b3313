/**
 * Who is a visitor, without keeping personal data: a hash of IP and user agent salted
 * with a random value that changes every day (as privacy-friendly analytics do), held only
 * in memory. Yesterday's salt is forgotten, so hashes cannot be linked across days.
 */
import crypto from 'node:crypto';

/** A visit is a visitor's first request after this much silence. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

const BOT_PATTERN = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|bingpreview/i;

/** Obvious robots are not readers: they do not raise view or visit counters. */
export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || BOT_PATTERN.test(userAgent);
}

export class VisitorTracker {
  private salt = crypto.randomBytes(16);
  private saltDay = '';
  private lastSeen = new Map<string, number>();

  /** True when this request starts a new visit. */
  isNewVisit(input: { siteId: string; ip: string; userAgent: string; now: number }): boolean {
    this.rotateSalt(input.now);
    const key = crypto.createHash('sha256').update(this.salt).update(input.siteId).update('\0').update(input.ip).update('\0').update(input.userAgent).digest('base64url');
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

  private rotateSalt(now: number): void {
    // Days in Vietnam time, so the reset falls at local midnight.
    const day = new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
    if (day === this.saltDay) return;
    this.saltDay = day;
    this.salt = crypto.randomBytes(16);
    this.lastSeen = new Map();
  }
}
