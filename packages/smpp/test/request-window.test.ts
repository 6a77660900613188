import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE, RequestWindow } from '../src/index.ts';

const noop = (): void => undefined;
const outstanding = (deadline: number) => ({ command: 'submit_sm' as const, deadline, resolve: noop, reject: noop });

describe('RequestWindow', () => {
  it('numbers from 1 and wraps after 0x7FFFFFFF back to 1', () => {
    const w = new RequestWindow(10);
    expect(w.nextSequence()).toBe(1);
    w.resumeAfter(MAX_SEQUENCE - 1);
    expect(w.nextSequence()).toBe(MAX_SEQUENCE);
    expect(w.nextSequence()).toBe(1);
  });

  it('skips a sequence number still in flight after a wrap', () => {
    const w = new RequestWindow(10);
    w.add(1, outstanding(0));
    w.resumeAfter(MAX_SEQUENCE);
    expect(w.nextSequence()).toBe(2);
  });

  it('queues beyond its size and releases in order as responses free room', () => {
    const w = new RequestWindow(2);
    const sent: number[] = [];
    w.add(1, outstanding(0));
    w.add(2, outstanding(0));
    expect(w.hasRoom()).toBe(false);
    for (const n of [3, 4, 5]) w.enqueue({ send: () => sent.push(n), reject: noop });
    expect(w.dequeue()).toBeUndefined();
    w.take(1);
    w.dequeue()?.send();
    expect(sent).toEqual([3]);
    expect(w.queued).toBe(2);
  });

  it('expires only the requests past their deadline', () => {
    const w = new RequestWindow(5);
    w.add(1, outstanding(100));
    w.add(2, outstanding(200));
    expect(w.expire(150)).toHaveLength(1);
    expect(w.outstanding).toBe(1);
    expect(w.earliestDeadline()).toBe(200);
  });
});
