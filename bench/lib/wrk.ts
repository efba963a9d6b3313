/**
 * Cross-check with wrk (C, epoll). autocannon runs on Node and, on a small machine,
 * saturates its core before nginx does: it tops out at a fraction of what nginx serves, so
 * nginx's autocannon numbers understate the reference. wrk needs several times less CPU
 * per request and shows how far each server really goes.
 *
 * wrk runs for a fixed time, so its runs happen after the view-counter check (their views
 * are counted by Cổng but not checked).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadSettings, Measurement, RunResult } from './load.js';
import { cpuSecondsWithChildren, machineBusySeconds, reapedChildrenCpuSeconds, startChild, stopChild } from './processes.js';

const WRK = '/usr/bin/wrk';
/** Two threads: wrk's default; the server still gets most of the machine. */
export const WRK_THREADS = 2;

/** Prints wrk's summary as one JSON line after its usual report; latencies are in microseconds. */
const SUMMARY_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99)))
end
`;

interface WrkSummary {
  requests: number;
  durationUs: number;
  bytes: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  statusErrors: number;
  timeouts: number;
  p50Us: number;
  p99Us: number;
}

export function isWrkInstalled(): boolean {
  return fs.existsSync(WRK);
}

async function runWrkOnce(input: { url: string; headers: Record<string, string>; connections: number; seconds: number; serverPid: number; workDir: string; label: string }): Promise<RunResult> {
  const script = path.join(input.workDir, 'wrk-summary.lua');
  fs.writeFileSync(script, SUMMARY_SCRIPT);
  const logFile = path.join(input.workDir, `wrk-${input.label}.log`);
  // startChild appends; a summary left by an earlier run with this label must not be read.
  fs.rmSync(logFile, { force: true });
  const headerArgs = Object.entries(input.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = ['-t', String(WRK_THREADS), '-c', String(input.connections), '-d', `${input.seconds}s`, '--timeout', '10s', '-s', script, ...headerArgs, input.url];

  const serverBefore = cpuSecondsWithChildren(input.serverPid);
  const clientBefore = reapedChildrenCpuSeconds();
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  const child = startChild({ name: 'wrk', command: WRK, args, cwd: input.workDir, env: process.env, logFile, stopSignal: 'SIGTERM' });
  // wrk stops by itself after -d; the guard only matters if it hangs.
  const guard = setTimeout(() => void stopChild(child, 'SIGKILL'), (input.seconds + 20) * 1000);
  const exit = await child.exited;
  clearTimeout(guard);
  const windowSeconds = (performance.now() - started) / 1000;
  const serverSeconds = cpuSecondsWithChildren(input.serverPid) - serverBefore;
  const clientSeconds = reapedChildrenCpuSeconds() - clientBefore;
  const otherSeconds = Math.max(0, machineBusySeconds() - machineBefore - serverSeconds - clientSeconds);

  const output = fs.readFileSync(logFile, 'utf8');
  const line = output.split('\n').find((l) => l.startsWith('{'));
  if (exit !== 0 || !line) throw new Error(`wrk failed (exit ${exit}):\n${output}`);
  const summary = JSON.parse(line) as WrkSummary;
  const seconds = summary.durationUs / 1e6;
  const socketErrors = summary.connectErrors + summary.readErrors + summary.writeErrors;
  return {
    responses: summary.requests,
    viewResponses: summary.requests - summary.statusErrors,
    statusCounts: { '2xx/3xx': summary.requests - summary.statusErrors, ...(summary.statusErrors ? { other: summary.statusErrors } : {}) },
    errors: socketErrors + summary.timeouts,
    timeouts: summary.timeouts,
    reqPerSec: summary.requests / seconds,
    p50Ms: summary.p50Us / 1000,
    p99Ms: summary.p99Us / 1000,
    seconds,
    wireBytesPerResponse: summary.requests > 0 ? summary.bytes / summary.requests : 0,
    serverCpuPercent: (serverSeconds / windowSeconds) * 100,
    serverCpuMicrosPerResponse: summary.requests > 0 ? (serverSeconds / summary.requests) * 1e6 : 0,
    clientCpuPercent: (clientSeconds / windowSeconds) * 100,
    otherCpuPercent: (otherSeconds / windowSeconds) * 100,
    wasCutShort: false,
  };
}

/** A short warm-up run, then the measured run. */
export async function measureWithWrk(input: { url: string; headers: Record<string, string>; serverPid: number; settings: LoadSettings; workDir: string; label: string }): Promise<Measurement> {
  const common = { url: input.url, headers: input.headers, connections: input.settings.connections, serverPid: input.serverPid, workDir: input.workDir };
  await runWrkOnce({ ...common, seconds: input.settings.warmupSeconds, label: `${input.label}-warmup` });
  const main = await runWrkOnce({ ...common, seconds: input.settings.seconds, label: input.label });
  return { main, viewResponsesIncludingWarmup: Number.NaN, wasAnyRunCutShort: false };
}
