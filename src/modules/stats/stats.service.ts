/**
 * Article views ("Lượt xem") and site visits ("Lượt truy cập"). Both are counted in
 * memory and written once per second in one transaction, and on shutdown; what a page
 * shows is the last total read back from the database plus what is still pending here,
 * plus what a flush is writing right now (until its new totals are known).
 */
import type { Db } from '../../platform/db/kysely.js';
import { CounterBatch } from './counter-batch.js';
import { addArticleViews, addSiteVisits } from './stats.repo.js';
import { isBot, VisitorTracker } from './visitors.js';

export interface Reader {
  siteId: string;
  ip: string;
  userAgent: string | undefined;
  now: number;
  /** The keep-alive connection, to spare re-hashing the same visitor (see visitors.ts). */
  connection?: object;
}

export interface PageRequest {
  reader: Reader;
  /** Only GET requests are reads; HEAD and the like count nothing. */
  isCounted: boolean;
  /** The visit count the page was rendered with. */
  persistedVisits: number;
  /** The article shown, with the view count it was rendered with. */
  article?: { id: string; viewCount: number };
}

export class StatsRecorder {
  private readonly views = new CounterBatch();
  private readonly visits = new CounterBatch();
  private readonly viewTotals = new Map<string, number>();
  private readonly visitTotals = new Map<string, number>();
  /** Drained by the running flush, not yet in the totals above; flushes never overlap. */
  private viewsInFlight = new Map<string, number>();
  private visitsInFlight = new Map<string, number>();
  private readonly visitors = new VisitorTracker();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly onFlushError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Counts one page request: a visit when it starts one, and a view of the article it
   * shows, robots excepted. Returns the totals to show; the persisted values are the
   * counts the page was rendered with, used until a flush reads back newer ones.
   */
  recordPageRequest(request: PageRequest): { visits: number; views: number | undefined } {
    const { reader, article } = request;
    const isReader = request.isCounted && !isBot(reader.userAgent);
    if (isReader && this.visitors.isNewVisit({ ...reader, userAgent: reader.userAgent ?? '' })) this.visits.add(reader.siteId);
    if (isReader && article) this.views.add(article.id);
    return {
      visits: this.total(this.visitTotals, reader.siteId, request.persistedVisits) + (this.visitsInFlight.get(reader.siteId) ?? 0) + this.visits.pendingFor(reader.siteId),
      views: article ? this.total(this.viewTotals, article.id, article.viewCount) + (this.viewsInFlight.get(article.id) ?? 0) + this.views.pendingFor(article.id) : undefined,
    };
  }

  /** Writes what is pending in one transaction. Concurrent calls are queued, never run together. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.writePending());
    this.flushing = run.catch(() => {});
    return run;
  }

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => this.flush().catch(this.onFlushError), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes the last counts (graceful shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private total(totals: Map<string, number>, key: string, persisted: number): number {
    const known = totals.get(key);
    if (known === undefined || persisted > known) {
      totals.set(key, persisted);
      return persisted;
    }
    return known;
  }

  /*
   * Every change to what a reader is shown happens in one synchronous step, so no request
   * can see counts in two places (too high) or in none (a dip): draining moves them to
   * in flight; on commit the new totals replace them; on failure they go back to pending.
   */
  private async writePending(): Promise<void> {
    if (this.views.isEmpty && this.visits.isEmpty) return;
    const views = (this.viewsInFlight = this.views.drain());
    const visits = (this.visitsInFlight = this.visits.drain());
    try {
      const [viewTotals, visitTotals] = await this.db.kysely.transaction().execute(async (trx) => [await addArticleViews(trx, views), await addSiteVisits(trx, visits)] as const);
      for (const [id, total] of viewTotals) this.viewTotals.set(id, total);
      for (const [id, total] of visitTotals) this.visitTotals.set(id, total);
    } catch (error) {
      this.views.restore(views);
      this.visits.restore(visits);
      throw error;
    } finally {
      this.viewsInFlight = new Map();
      this.visitsInFlight = new Map();
    }
  }
}
