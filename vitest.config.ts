import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each open their own database; browser tests start their own server.
    fileParallelism: true,
    pool: 'forks',
    // Most files wait on PostgreSQL, SQLite files or Chromium rather than on the CPU:
    // vitest's default (one worker less than the cores: a single worker on a 2-core
    // machine) ran them one at a time. Three at a time on 2 cores halves the suite.
    maxWorkers: Math.max(3, availableParallelism()),
  },
});
