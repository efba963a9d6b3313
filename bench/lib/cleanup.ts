/**
 * Everything the bench starts or creates registers how to undo it here, so a failure,
 * Ctrl-C or a kill leaves no server, nginx or temporary directory behind.
 */

type Cleanup = { name: string; run: () => Promise<void> | void; runSync?: () => void };

const cleanups: Cleanup[] = [];
let isCleaning: Promise<void> | undefined;

/** Registers an undo step; steps run newest first. `runSync` is the last resort on process exit. */
export function onCleanup(name: string, run: () => Promise<void> | void, runSync?: () => void): void {
  cleanups.push({ name, run, runSync });
}

/** Runs every registered step once, newest first; a failing step does not stop the others. */
export function cleanUp(): Promise<void> {
  isCleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup "${step.name}" failed:`, error);
      }
    }
  })();
  return isCleaning;
}

/**
 * Ctrl-C and kill run the same cleanup as a normal end. The children run in their own
 * process groups (see processes.ts), so only this process receives the terminal's SIGINT
 * and it alone decides how they stop.
 */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers and removing temporary files…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  // If something calls process.exit() before the async steps ran, do the synchronous part.
  process.once('exit', () => {
    for (const step of cleanups.reverse()) {
      try {
        step.runSync?.();
      } catch {
        // Nothing more can be done while exiting.
      }
    }
  });
}
