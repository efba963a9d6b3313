/**
 * Increments kept in memory between flushes. Counting a view must not cost a database
 * write per request; the batch is written in one transaction per interval, and a failed
 * write puts its deltas back so nothing counted is lost.
 */
export class CounterBatch {
  private pending = new Map<string, number>();

  add(key: string, amount = 1): void {
    this.pending.set(key, (this.pending.get(key) ?? 0) + amount);
  }

  /** Not yet written for this key. */
  pendingFor(key: string): number {
    return this.pending.get(key) ?? 0;
  }

  /** Takes everything pending; the caller writes it, or hands it back with restore(). */
  drain(): Map<string, number> {
    const drained = this.pending;
    this.pending = new Map();
    return drained;
  }

  restore(deltas: Map<string, number>): void {
    for (const [key, amount] of deltas) this.add(key, amount);
  }

  get isEmpty(): boolean {
    return this.pending.size === 0;
  }
}
