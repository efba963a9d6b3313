/**
 * Article views ("Lượt xem") and site visits ("Lượt truy cập"). Both are counted in
 * memory and written once per second in one transaction, and on shutdown; what a page
 * shows is the last total read back from the database plus what is still pending here.
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
}

export class StatsRecorder {
  private readonly views = new CounterBatch();
  private readonly visits = new CounterBatch();
  private readonly viewTotals = new Map<string, number>();
  private readonly visitTotals = new Map<string, number>();
  private readonly visitors = new VisitorTracker();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly onFlushError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Counts one page request towards the site's visits and returns the visit total to show.
   * `persistedTotal` is the count the page was rendered with, used until a flush reads back a newer one.
   */
  recordRequest(reader: Reader, persistedTotal: number): number {
    if (!isBot(reader.userAgent) && this.visitors.isNewVisit({ siteId: reader.siteId, ip: reader.ip, userAgent: reader.userAgent ?? '', now: reader.now })) {
      this.visits.add(reader.siteId);
    }
    return this.total(this.visitTotals, reader.siteId, persistedTotal) + this.visits.pendingFor(reader.siteId);
  }

  /** Counts one view of an article (bots excepted) and returns the view total to show. */
  recordArticleView(articleId: string, userAgent: string | undefined, persistedTotal: number): number {
    if (!isBot(userAgent)) this.views.add(articleId);
    return this.total(this.viewTotals, articleId, persistedTotal) + this.views.pendingFor(articleId);
  }

  /** Writes what is pending in one transaction. Concurrent calls are queued, never run together. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.writePending());
    this.flushing = run.catch(() => {});
    return run;
  }

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => {
      this.flush().catch(this.onFlushError);
      this.visitors.prune(Date.now());
    }, intervalMs);
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

  private async writePending(): Promise<void> {
    if (this.views.isEmpty && this.visits.isEmpty) return;
    const views = this.views.drain();
    const visits = this.visits.drain();
    try {
      const [viewTotals, visitTotals] = await this.db.kysely.transaction().execute(async (trx) => [await addArticleViews(trx, views), await addSiteVisits(trx, visits)] as const);
      for (const [id, total] of viewTotals) this.viewTotals.set(id, total);
      for (const [id, total] of visitTotals) this.visitTotals.set(id, total);
    } catch (error) {
      this.views.restore(views);
      this.visits.restore(visits);
      throw error;
    }
  }
}
