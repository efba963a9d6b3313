/**
 * Load runs with autocannon. Each run sends a fixed number of requests (autocannon's
 * `amount`) rather than running for a fixed time: a timed run ends by destroying its
 * connections with up to one request in flight on each, which the server may already have
 * counted as a view although autocannon never sees the response. With a fixed amount every
 * request sent gets its response, so the server's view counter can be checked exactly.
 * The amount is calibrated from a short warm-up so a run lasts about the target duration.
 *
 * Latency percentiles are computed here from every response time (sub-millisecond), since
 * autocannon's histogram has 1 ms resolution and nginx answers in about a millisecond.
 */
import autocannon, { type Result } from 'autocannon';
import { cpuSecondsWithChildren, machineBusySeconds } from './processes.js';

export interface LoadSettings {
  connections: number;
  /** Target length of the measured run. */
  seconds: number;
  warmupSeconds: number;
}

export interface RunResult {
  responses: number;
  /** 200 and 304 responses: what the server counts as views. */
  viewResponses: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  seconds: number;
  /** Average bytes per response on the wire (headers included), from autocannon. */
  wireBytesPerResponse: number;
  /** CPU used by the server (all its processes) as % of one core. */
  serverCpuPercent: number;
  /** Server CPU time per response, in microseconds: unlike req/s, barely affected by other load on the machine. */
  serverCpuMicrosPerResponse: number;
  /** CPU used by this process (the load generator) as % of one core. */
  clientCpuPercent: number;
  /** CPU used by everything else on the machine (other programs, the kernel's network work not charged to either) as % of one core. */
  otherCpuPercent: number;
  /** True when the hard time limit stopped the run before all requests were answered. */
  wasCutShort: boolean;
}

export interface Measurement {
  main: RunResult;
  /** 200/304 responses over warm-ups and the measured run together. */
  viewResponsesIncludingWarmup: number;
  wasAnyRunCutShort: boolean;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** One autocannon run of exactly `amount` requests, stopped anyway after `hardLimitMs`. */
function runOnce(input: { url: string; headers: Record<string, string>; connections: number; amount: number; hardLimitMs: number; serverPid: number }): Promise<RunResult> {
  const latencies = new Float64Array(input.amount);
  let count = 0;
  let lastResponseAt = 0;
  let wasCutShort = false;
  const cpuBefore = cpuSecondsWithChildren(input.serverPid);
  const clientBefore = process.cpuUsage();
  const machineBefore = machineBusySeconds();
  const started = performance.now();

  return new Promise((resolve, reject) => {
    // Declared first: autocannon calls back synchronously when it rejects the options.
    let limit: NodeJS.Timeout | undefined;
    // sampleInt: autocannon notices the end at its next sample tick; 100 ms keeps that idle tail short.
    const options = { url: input.url, headers: input.headers, connections: input.connections, amount: input.amount, pipelining: 1, timeout: 10, sampleInt: 100 };
    const instance = autocannon(options, (error, result: Result) => {
      clearTimeout(limit);
      if (error) return reject(error);
      // Rates use the time to the last response; CPU shares use the whole window they were read over.
      const seconds = ((lastResponseAt || performance.now()) - started) / 1000;
      const cpuWindowSeconds = (performance.now() - started) / 1000;
      const client = process.cpuUsage(clientBefore);
      const clientSeconds = (client.user + client.system) / 1e6;
      const serverSeconds = cpuSecondsWithChildren(input.serverPid) - cpuBefore;
      const otherSeconds = Math.max(0, machineBusySeconds() - machineBefore - serverSeconds - clientSeconds);
      const sorted = latencies.slice(0, Math.min(count, latencies.length)).sort();
      const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]));
      resolve({
        responses: count,
        viewResponses: (statusCounts['200'] ?? 0) + (statusCounts['304'] ?? 0),
        statusCounts,
        errors: result.errors,
        timeouts: result.timeouts,
        reqPerSec: count / seconds,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        seconds,
        wireBytesPerResponse: count > 0 ? result.throughput.total / count : 0,
        serverCpuPercent: (serverSeconds / cpuWindowSeconds) * 100,
        serverCpuMicrosPerResponse: count > 0 ? (serverSeconds / count) * 1e6 : 0,
        clientCpuPercent: (clientSeconds / cpuWindowSeconds) * 100,
        otherCpuPercent: (otherSeconds / cpuWindowSeconds) * 100,
        wasCutShort,
      });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      if (count < latencies.length) latencies[count] = responseTime;
      count++;
      lastResponseAt = performance.now();
    });
    limit = setTimeout(() => {
      wasCutShort = true;
      instance.stop();
    }, input.hardLimitMs);
  });
}

/**
 * Warm-up (JIT, caches, connection set-up) in two steps that also estimate the rate, then
 * the measured run sized to last about `settings.seconds`.
 */
export async function measure(input: { url: string; headers: Record<string, string>; serverPid: number; settings: LoadSettings }): Promise<Measurement> {
  const { connections, seconds, warmupSeconds } = input.settings;
  const run = (amount: number, targetSeconds: number) =>
    runOnce({ url: input.url, headers: input.headers, connections, amount, serverPid: input.serverPid, hardLimitMs: Math.max(3 * targetSeconds, targetSeconds + 10) * 1000 });
  // Enough requests per connection that each one is past its first, slow responses.
  const amountFor = (rate: number, targetSeconds: number) => Math.max(connections * 20, Math.round(rate * targetSeconds));

  const first = await run(connections * 20, warmupSeconds);
  const second = await run(amountFor(first.reqPerSec, warmupSeconds), warmupSeconds);
  const main = await run(amountFor(second.reqPerSec, seconds), seconds);
  const runs = [first, second, main];
  return {
    main,
    viewResponsesIncludingWarmup: runs.reduce((sum, r) => sum + r.viewResponses, 0),
    wasAnyRunCutShort: runs.some((r) => r.wasCutShort),
  };
}
