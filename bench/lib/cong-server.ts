/**
 * The real server, started the way the README's systemd unit starts it (`node
 * dist/cli/main.js serve`, compiled JavaScript), on the generated data directory.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { LOOPBACK, waitFor200 } from './http.js';
import { startChild, stopChild, tail, type Child } from './processes.js';

export interface CongServer {
  child: Child;
  port: number;
  logFile: string;
  /** SIGTERM: Cổng finishes requests and writes its pending counters before exiting. */
  stop(): Promise<number | string>;
}

let isBuilt = false;

/** Builds dist/ from the current sources, once per bench run, so the bench never measures a stale build. */
function buildOnce(repoRoot: string): void {
  if (isBuilt) return;
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  isBuilt = true;
}

export async function startCong(input: { repoRoot: string; dataDir: string; port: number; logFile: string; cpuProfileDir?: string }): Promise<CongServer> {
  buildOnce(input.repoRoot);
  const nodeArgs = input.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${input.cpuProfileDir}`] : [];
  const child = startChild({
    name: 'Cổng',
    command: process.execPath,
    args: [...nodeArgs, path.join(input.repoRoot, 'dist/cli/main.js'), 'serve'],
    cwd: input.repoRoot,
    env: {
      ...process.env,
      DATA_DIR: input.dataDir,
      PORT: String(input.port),
      HOST: LOOPBACK,
      LOG_LEVEL: 'warn',
      // The site exists already; an empty database here would mean generation failed.
      CONG_DEMO: 'false',
      // Never let an operator's environment point the bench at a real database or address.
      DATABASE_URL: '',
      BASE_URL: '',
    },
    logFile: input.logFile,
    stopSignal: 'SIGTERM',
  });
  try {
    await waitFor200(input.port, '/healthz', 60_000, child.isAlive);
  } catch (error) {
    throw new Error(`Cổng did not become healthy: ${(error as Error).message}\n--- server log ---\n${tail(input.logFile)}`);
  }
  return { child, port: input.port, logFile: input.logFile, stop: () => stopChild(child, 'SIGTERM') };
}
