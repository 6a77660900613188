import { fileURLToPath } from 'node:url';
import { type Child, spawnChild } from './child.ts';

export const PETREL_BIN = fileURLToPath(new URL('../../bin/petrel.js', import.meta.url));

export interface SimulatorChildOptions {
  /** Delay from submit to receipt, e.g. '200' or '100-300'. */
  readonly delayMs: string;
  /** Receipts (and MO) in flight per connection. */
  readonly window: number;
}

export interface SimulatorCounts {
  readonly submits: number;
  readonly accepted: number;
  readonly receipts: number;
  readonly pending: number;
}

/** The carrier simulator as its own process (`petrel simulator`), every message delivered. */
export interface SimulatorChild extends Child {
  readonly port: number;
  /** The counters it printed last (it prints them every second). */
  counts(): SimulatorCounts;
}

export async function startSimulatorChild(o: SimulatorChildOptions): Promise<SimulatorChild> {
  const args = [PETREL_BIN, 'simulator', '--port', '0', '--delay-ms', o.delayMs, '--delivered', '1', '--window', String(o.window), '--stats-every', '1'];
  const child = spawnChild('simulator', process.execPath, args);
  let counts: SimulatorCounts = { submits: 0, accepted: 0, receipts: 0, pending: 0 };
  child.onLine((line) => {
    const m = /submits=(\d+) accepted=(\d+).*receipts: (?:DELIVRD=(\d+)|none).* pending=(\d+)/.exec(line);
    if (m) counts = { submits: Number(m[1]), accepted: Number(m[2]), receipts: Number(m[3] ?? 0), pending: Number(m[4]) };
  });
  try {
    const m = await child.waitFor(/listening on smpp:\/\/[^:]+:(\d+)/, 30_000);
    return Object.assign(child, { port: Number(m[1]), counts: () => counts });
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
}
