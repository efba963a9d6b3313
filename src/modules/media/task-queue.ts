/** Runs at most `concurrency` tasks at a time; the others wait their turn in order. */
export interface TaskQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a turn. */
  readonly waiting: number;
}

export function createTaskQueue(concurrency: number): TaskQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  let active = 0;
  const turns: Array<() => void> = [];
  const release = (): void => {
    const next = turns.shift();
    if (next) next();
    else active--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      // A finishing task hands its slot straight to the next one, so `active` never dips
      // and a task arriving in between cannot jump the queue.
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => turns.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return turns.length;
    },
  };
}
