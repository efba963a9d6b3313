/**
 * Rendered public pages kept in memory: a page changes only when content changes, so it is
 * rendered once per content version and served from here with its gzip form and a weak
 * ETag. Values that change per request (counters) are slots filled at serve time.
 */
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
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
  /** Memory held: the plain parts and their gzip form. */
  readonly byteLength: number;
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
    this.byteLength = this.parts.reduce((sum, part) => sum + part.length, 0) + this.gzip.byteLength;
  }

  /** The page with `values` in its slots, as chunks to write in order. */
  body(values: Buffer[], isGzip: boolean): Buffer[] {
    if (isGzip) return [this.gzip.assemble(values)];
    const chunks: Buffer[] = [this.parts[0]!];
    for (let i = 1; i < this.parts.length; i++) chunks.push(values[i - 1]!, this.parts[i]!);
    return chunks;
  }
}

/** What an entry costs besides its bytes: key, map node and the objects around the buffers. */
const ENTRY_OVERHEAD_BYTES = 1024;

/**
 * Rendered pages by site and path, bounded by bytes (pages range from 5 KB to hundreds),
 * least recently used out first: a crawl of every old article cannot push the busy pages
 * out, nor grow memory past the bound. Entries carry the site's content version; bumping
 * the version (any edit) makes them all stale at once.
 */
export class PageCache<T> {
  private readonly entries: LRUCache<string, { version: number; value: T }>;
  private readonly versions = new Map<string, number>();

  /** 64 MiB hold about a thousand article pages of 60 KB (plain and gzip). */
  constructor(options: { maxBytes?: number; sizeOf: (value: T) => number }) {
    this.entries = new LRUCache({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry, key) => Math.max(1, options.sizeOf(entry.value) + key.length * 2 + ENTRY_OVERHEAD_BYTES),
    });
  }

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
    this.entries.set(`${siteId} ${key}`, { version, value });
  }

  delete(siteId: string, key: string): void {
    this.entries.delete(`${siteId} ${key}`);
  }

  /** Everything of this site that is cached is stale now. */
  invalidateSite(siteId: string): void {
    this.versions.set(siteId, this.version(siteId) + 1);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes charged for what is cached now; never above maxBytes. */
  get byteSize(): number {
    return this.entries.calculatedSize;
  }

  version(siteId: string): number {
    return this.versions.get(siteId) ?? 0;
  }
}
