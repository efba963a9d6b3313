/**
 * Rendered public pages kept in memory: a page changes only when content changes, so it is
 * rendered once per content version and served from here with its gzip form and a weak
 * ETag. Values that change per request (counters) are slots filled at serve time.
 */
import crypto from 'node:crypto';
import { SplicedGzip } from './gzip-splice.js';

/** Random per process, so text typed by a user can never be mistaken for a slot. */
const SLOT_TOKEN = crypto.randomBytes(8).toString('hex');
const SLOT_PATTERN = new RegExp(`cong-slot-${SLOT_TOKEN}-([a-z]+)`, 'g');

/** Placeholder a view writes where a per-request value goes. */
export function slotMarker(name: string): string {
  return `cong-slot-${SLOT_TOKEN}-${name}`;
}

export class CompiledPage {
  readonly slotNames: string[];
  /** Weak: the counters inside may differ while the content is the same. */
  readonly etag: string;
  private readonly parts: Buffer[];
  private readonly gzip: SplicedGzip;

  constructor(
    html: string,
    readonly statusCode = 200,
  ) {
    const pieces = html.split(SLOT_PATTERN);
    // split() with a capture group alternates text, slot name, text, …
    this.parts = pieces.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text));
    this.slotNames = pieces.filter((_, i) => i % 2 === 1);
    this.etag = `W/"${crypto.createHash('sha1').update(html).digest('base64url').slice(0, 22)}"`;
    this.gzip = new SplicedGzip(this.parts);
  }

  /** The page with `values` in its slots, as chunks to write in order. */
  body(values: Buffer[], isGzip: boolean): Buffer[] {
    if (isGzip) return [this.gzip.assemble(values)];
    const chunks: Buffer[] = [this.parts[0]!];
    for (let i = 1; i < this.parts.length; i++) chunks.push(values[i - 1]!, this.parts[i]!);
    return chunks;
  }
}

/**
 * Rendered pages by site and path. Entries carry the site's content version; bumping the version
 * (any edit) makes them all stale at once. Bounded, oldest out first, so crawling every
 * URL cannot grow memory without limit.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();
  private readonly versions = new Map<string, number>();

  // 2,000 article pages of ~70 KB (plain and gzip) stay under 150 MB.
  constructor(private readonly maxEntries = 2000) {}

  get(siteId: string, key: string): T | undefined {
    const entry = this.entries.get(`${siteId} ${key}`);
    if (!entry || entry.version !== this.version(siteId)) return undefined;
    return entry.value;
  }

  /**
   * Stores a page rendered from data read at `version` (read it before querying): a page
   * whose content changed meanwhile is stored as already stale.
   */
  set(siteId: string, key: string, value: T, version: number): void {
    const fullKey = `${siteId} ${key}`;
    this.entries.delete(fullKey);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(fullKey, { version, value });
  }

  /** Everything of this site that is cached is stale now. */
  invalidateSite(siteId: string): void {
    this.versions.set(siteId, this.version(siteId) + 1);
  }

  get size(): number {
    return this.entries.size;
  }

  version(siteId: string): number {
    return this.versions.get(siteId) ?? 0;
  }
}
