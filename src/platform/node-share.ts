/**
 * A node's part of a limit that the nodes on one database enforce together (a client's SMPP
 * throughput over its binds, a REST key's requests per second): all of it while no other node
 * has any of the load, else its part of the load, counting at least one unit of its own so a
 * node whose load is only starting is not shut out.
 */
export function nodeShare(mine: number, others: number): number {
  if (others <= 0) return 1;
  const own = Math.max(1, mine);
  return own / (own + others);
}
