/**
 * The part of autocannon's programmatic API the bench uses. autocannon ships no types and
 * there is no @types package for version 9; these match lib/run.js and lib/init.js.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Stop after this many responses (duration is then ignored). */
    amount?: number;
    /** Seconds; used only without `amount`. */
    duration?: number;
    /** Seconds before one request counts as a timeout. */
    timeout?: number;
    headers?: Record<string, string>;
    /** Milliseconds between samples (default 1000); the end of an `amount` run is noticed at the next one. */
    sampleInt?: number;
  }

  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }

  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    resets: number;
    non2xx: number;
    '2xx': number;
    '3xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  export interface Instance extends EventEmitter {
    /** Ends the run early; the callback still receives the result so far. */
    stop(): void;
  }

  export default function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
}
