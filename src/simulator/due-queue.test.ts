import { describe, expect, it } from 'vitest';
import { DueQueue } from './due-queue.ts';

describe('DueQueue', () => {
  it('hands items over at their time, in order, in batches', async () => {
    const got: number[][] = [];
    const queue = new DueQueue<number>((batch) => got.push(batch));
    const now = Date.now();
    queue.add(now + 60, 3);
    queue.add(now + 20, 1);
    queue.add(now + 20, 2);
    expect(queue.size).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(got).toEqual([[1, 2]]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(got).toEqual([[1, 2], [3]]);
    expect(queue.size).toBe(0);
  });

  it('keeps 100 000 items on one timer and drops them on stop', () => {
    const queue = new DueQueue<number>(() => undefined);
    const now = Date.now();
    for (let i = 0; i < 100_000; i++) queue.add(now + 60_000 + i, i);
    expect(queue.size).toBe(100_000);
    queue.stop();
    expect(queue.size).toBe(0);
    queue.add(now, 1);
    expect(queue.size).toBe(0);
  });
});
