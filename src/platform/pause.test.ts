import { describe, expect, it } from 'vitest';
import { Pause } from './pause.ts';

describe('Pause', () => {
  it('waits its time when nothing wakes it', async () => {
    const started = Date.now();
    await new Pause().for(60);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('ends at once when woken while it waits, or when woken since the round began', async () => {
    const pause = new Pause();
    const started = Date.now();
    const waiting = pause.for(10_000);
    setTimeout(() => pause.wake(), 20);
    await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    pause.begin();
    pause.wake();
    const again = Date.now();
    await pause.for(10_000);
    expect(Date.now() - again).toBeLessThan(1_000);
    pause.begin(); // the wake is spent: the next pause waits again
    let ended = false;
    void pause.for(10_000).then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended).toBe(false);
    pause.wake();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ended).toBe(true);
  });
});
