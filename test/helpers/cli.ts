/**
 * The `cong` command as a child process. Tests run it from the TypeScript sources through
 * tsx, so they exercise the code as it is now, never a stale dist/ (test/build.test.ts
 * covers the compiled build).
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `process.execPath` with these arguments and this environment runs `cong <args>` from the
 * sources, from any working directory: tsx is given by its file URL (a bare `tsx` would
 * resolve from the cwd) and the project's tsconfig by path (JSX through Preact).
 */
export function congFromSources(args: string[]): { args: string[]; env: NodeJS.ProcessEnv } {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    args: ['--import', tsx, path.join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    // Vitest puts Vite's BASE_URL=/ into process.env; the child must not take it for the operator's.
    env: { TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'), BASE_URL: '' },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `url`/healthz answers 200; throws if the process exits first or after `timeoutMs`. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}
