import { describe, expect, it } from 'vitest';
import { CounterBatch } from './counter-batch.js';
import { isBot, VisitorTracker, VISIT_GAP_MS } from './visitors.js';

describe('CounterBatch', () => {
  it('accumulates per key and drains everything at once', () => {
    const batch = new CounterBatch();
    for (let i = 0; i < 1000; i++) batch.add('a');
    batch.add('b', 5);
    expect(batch.pendingFor('a')).toBe(1000);
    const drained = batch.drain();
    expect([...drained]).toEqual([['a', 1000], ['b', 5]]);
    expect(batch.isEmpty).toBe(true);
    expect(batch.pendingFor('a')).toBe(0);
  });

  it('keeps counts that arrive while a drained batch is being written, and restores a failed write', () => {
    const batch = new CounterBatch();
    batch.add('a', 3);
    const drained = batch.drain();
    batch.add('a', 2); // counted during the write
    batch.restore(drained); // the write failed
    expect(batch.pendingFor('a')).toBe(5);
  });
});

describe('VisitorTracker', () => {
  const reader = { siteId: 's', ip: '203.0.113.7', userAgent: 'Mozilla/5.0' };
  const start = Date.UTC(2026, 0, 10, 3, 0, 0);

  it('counts a visit on the first request and after 30 minutes of silence only', () => {
    const tracker = new VisitorTracker();
    expect(tracker.isNewVisit({ ...reader, now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, now: start + 60_000 })).toBe(false);
    expect(tracker.isNewVisit({ ...reader, now: start + 60_000 + VISIT_GAP_MS - 1 })).toBe(false);
    expect(tracker.isNewVisit({ ...reader, now: start + 60_000 + 2 * VISIT_GAP_MS })).toBe(true);
  });

  it('tells visitors apart by address, browser and site', () => {
    const tracker = new VisitorTracker();
    expect(tracker.isNewVisit({ ...reader, now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, ip: '203.0.113.8', now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, userAgent: 'Other', now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, siteId: 't', now: start })).toBe(true);
  });

  it('reuses a connection’s key only for the same site, address and browser', () => {
    const tracker = new VisitorTracker();
    const connection = {};
    expect(tracker.isNewVisit({ ...reader, connection, now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, connection, now: start + 1000 })).toBe(false);
    // a proxy's connection carries another reader next
    expect(tracker.isNewVisit({ ...reader, ip: '203.0.113.99', connection, now: start + 2000 })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, connection, now: start + 3000 })).toBe(false);
  });

  it('starts afresh at midnight in Vietnam', () => {
    const tracker = new VisitorTracker();
    const beforeMidnight = Date.UTC(2026, 0, 10, 16, 50); // 23:50 in Hà Nội
    expect(tracker.isNewVisit({ ...reader, now: beforeMidnight })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, now: beforeMidnight + 5 * 60_000 })).toBe(false);
    expect(tracker.isNewVisit({ ...reader, now: beforeMidnight + 15 * 60_000 })).toBe(true);
  });

  it('remembers a bounded number of visitors under a flood of made-up browser strings', () => {
    const tracker = new VisitorTracker(1000);
    tracker.isNewVisit({ ...reader, now: start });
    for (let i = 0; i < 50_000; i++) {
      tracker.isNewVisit({ ...reader, userAgent: `Mozilla/5.0 flood-${i} ${'x'.repeat(i % 3000)}`, now: start + i });
      if (i % 100 === 0) expect(tracker.isNewVisit({ ...reader, now: start + i })).toBe(false); // a real reader, still reading
    }
    expect(tracker.trackedCount).toBeLessThanOrEqual(1000);
  });

  it('tells browser strings apart by their first 512 characters only', () => {
    const tracker = new VisitorTracker();
    const long = 'Mozilla/5.0 '.repeat(100);
    expect(tracker.isNewVisit({ ...reader, userAgent: `${long}A`, now: start })).toBe(true);
    expect(tracker.isNewVisit({ ...reader, userAgent: `${long}B`, now: start + 1 })).toBe(false);
  });
});

describe('isBot', () => {
  it('recognises crawlers and requests without a user agent', () => {
    expect(isBot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(true);
    expect(isBot('Mozilla/5.0 (compatible; bingbot/2.0)')).toBe(true);
    expect(isBot('coccocbot-web/1.0')).toBe(true);
    expect(isBot('Some Crawler 1.0')).toBe(true);
    expect(isBot('Baiduspider')).toBe(true);
    expect(isBot(undefined)).toBe(true);
    expect(isBot('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36')).toBe(false);
    expect(isBot('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36')).toBe(false);
  });
});
