/**
 * Child processes (the Cổng server, nginx) and what /proc says about them: resident memory
 * and CPU time, so the report can tell whether a server was CPU-bound.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { onCleanup } from './cleanup.js';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  isAlive(): boolean;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
}

/**
 * Starts a program in its own process group (detached) so that Ctrl-C in the terminal
 * reaches only the bench, which then stops the child deliberately; output goes to a file
 * whose tail is printed if something fails.
 */
export function startChild(input: { name: string; command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; logFile: string; stopSignal: NodeJS.Signals }): Child {
  const log = fs.openSync(input.logFile, 'a');
  const child = spawn(input.command, input.args, { cwd: input.cwd, env: input.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`${input.name} did not start (${input.command})`);
  const pid = child.pid;
  let isRunning = true;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      isRunning = false;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const handle: Child = { name: input.name, process: child, pid, isAlive: () => isRunning, exited };
  onCleanup(
    `stop ${input.name}`,
    async () => {
      await stopChild(handle, input.stopSignal);
    },
    () => {
      if (isRunning) process.kill(pid, 'SIGKILL');
    },
  );
  return handle;
}

/** Asks the process to stop, and kills it if it has not exited within `timeoutMs`. */
export async function stopChild(child: Child, signal: NodeJS.Signals, timeoutMs = 15_000): Promise<number | string> {
  if (!child.isAlive()) return child.exited;
  child.process.kill(signal);
  const timer = setTimeout(() => {
    console.error(`${child.name} (pid ${child.pid}) did not stop within ${timeoutMs} ms after ${signal}; killing it`);
    child.process.kill('SIGKILL');
  }, timeoutMs);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Resident set size in KiB (VmRSS), or undefined once the process is gone. */
export function rssKib(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of a process, all its threads included (/proc/<pid>/stat). */
function cpuSecondsOf(pid: number): number {
  try {
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine spent busy (all cores, /proc/stat), to see what else ran during a run. */
export function machineBusySeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait.
    const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return (total - fields[3]! - fields[4]!) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * Waits (at most `timeoutMs`) until the machine has been nearly idle for half a second, so
 * a run does not start while another program is busy; returns whether it got quiet.
 * Other work during a run still shows in the report's "other CPU %".
 */
export async function waitForQuietMachine(input: { maxBusyPercent: number; timeoutMs: number }): Promise<boolean> {
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if ((machineBusySeconds() - before) / 0.5 <= input.maxBusyPercent / 100) return true;
    if (Date.now() > deadline) return false;
  }
}

/** CPU seconds of this process's children that have exited and been reaped (wrk runs), from /proc/self/stat. */
export function reapedChildrenCpuSeconds(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childPidsOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds of a process and its direct children (nginx's master and workers). */
export function cpuSecondsWithChildren(pid: number): number {
  return cpuSecondsOf(pid) + childPidsOf(pid).reduce((sum, child) => sum + cpuSecondsOf(child), 0);
}

/** Samples a process's RSS every `intervalMs` until stopped; keeps the peak and the last value. */
export class RssSampler {
  peakKib = 0;
  lastKib = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const kib = rssKib(this.pid);
    if (kib === undefined) return;
    this.lastKib = kib;
    this.peakKib = Math.max(this.peakKib, kib);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
