import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.ts';

describe('MinHeap', () => {
  it('pops in key order, equal keys first-in first-out', () => {
    const heap = new MinHeap<string>();
    const input: [number, string][] = [[5, 'e'], [1, 'a1'], [3, 'c'], [1, 'a2'], [4, 'd'], [2, 'b'], [1, 'a3']];
    for (const [k, v] of input) heap.push(k, v);
    const out: string[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
    expect(out).toEqual(['a1', 'a2', 'a3', 'b', 'c', 'd', 'e']);
    expect(heap.peekKey()).toBe(Infinity);
  });

  it('sorts 100 000 random keys', () => {
    const heap = new MinHeap<number>();
    const keys = Array.from({ length: 100_000 }, () => Math.floor(Math.random() * 1e6));
    for (const k of keys) heap.push(k, k);
    const out: number[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });
});
