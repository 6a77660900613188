import { describe, expect, it } from 'vitest';
import { nodeShare } from './node-share.ts';

describe("a node's share of a limit kept over several nodes", () => {
  it('is the whole limit while no other node has any of the load', () => {
    expect(nodeShare(3, 0)).toBe(1);
    expect(nodeShare(0, 0)).toBe(1);
  });

  it("is the node's part of the load, counting at least one unit of its own", () => {
    expect(nodeShare(1, 3)).toBe(0.25);
    expect(nodeShare(300, 100)).toBe(0.75);
    expect(nodeShare(0, 9)).toBe(0.1);
  });
});
