import { describe, expect, it } from 'vitest';
import { createTaskQueue } from './task-queue.js';

describe('createTaskQueue', () => {
  it('runs at most `concurrency` tasks at a time, in arrival order, through failures', async () => {
    const queue = createTaskQueue(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (i === 2) throw new Error('encode failed');
      return i;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((i) => queue.run(task(i))));

    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([1, 'failed', 3, 4, 5, 6]);
    expect(queue.active).toBe(0);
    expect(queue.waiting).toBe(0);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => createTaskQueue(0)).toThrow();
    expect(() => createTaskQueue(1.5)).toThrow();
  });
});
