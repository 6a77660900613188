import { connect, type Socket } from 'node:net';
import { bindPdu, fuzzPdu } from './pdu-fuzz.ts';
import { Rng } from './random.ts';

export interface SmppFuzzOptions {
  readonly host: string;
  readonly port: number;
  /** PDUs to send in all. */
  readonly count: number;
  /** Connections open at once. */
  readonly connections: number;
  readonly credentials: { readonly systemId: string; readonly password: string };
  readonly seed: number;
  /** performance.now() time by which it stops, whatever it has sent. */
  readonly deadline: number;
}

export interface SmppFuzzStats {
  pdus: number;
  connections: number;
  /** Connections the server closed while we were still sending or waiting. */
  closedByServer: number;
  /** Connections that could not even connect (the server refused or was down). */
  connectErrors: number;
  bytesSent: number;
  bytesReceived: number;
}

/**
 * Opens `connections` sockets at a time; each (mostly) binds with the right credentials, then
 * writes a burst of random and mutated PDUs in odd-sized chunks, reads whatever comes back, and
 * closes after a short wait (or when the server closes it). Repeats until `count` PDUs are out.
 */
export async function runSmppFuzz(o: SmppFuzzOptions): Promise<SmppFuzzStats> {
  const stats: SmppFuzzStats = { pdus: 0, connections: 0, closedByServer: 0, connectErrors: 0, bytesSent: 0, bytesReceived: 0 };
  let budget = o.count;
  let lane = 0;
  const worker = async (): Promise<void> => {
    const rng = new Rng(o.seed * 7919 + lane++);
    while (budget > 0 && performance.now() < o.deadline) {
      const burst = Math.min(budget, rng.int(10, 400));
      budget -= burst;
      const sent = await oneConnection(o, rng, burst, stats);
      budget += burst - sent; // what a closed connection did not take goes to the next one
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  return stats;
}

/** Returns how many of the burst's PDUs were written before the server closed the connection. */
async function oneConnection(o: SmppFuzzOptions, rng: Rng, burst: number, stats: SmppFuzzStats): Promise<number> {
  const socket = await open(o.host, o.port).catch(() => undefined);
  if (!socket) {
    stats.connectErrors++;
    await sleep(100);
    return 0;
  }
  stats.connections++;
  let closed = false;
  socket.on('data', (d: Buffer) => (stats.bytesReceived += d.length));
  socket.on('error', () => undefined);
  const gone = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const pdus: Buffer[] = [];
  let seq = 1;
  if (rng.chance(0.85)) pdus.push(bindPdu(rng, o.credentials, seq++));
  for (let i = 0; i < burst; i++) pdus.push(fuzzPdu(rng, seq++));
  const all = Buffer.concat(pdus);
  // Odd-sized chunks, so PDUs arrive split at every kind of offset.
  let at = 0;
  while (at < all.length && !closed) {
    const size = rng.chance(0.3) ? rng.int(1, 64) : rng.int(64, 8192);
    const chunk = all.subarray(at, at + size);
    at += chunk.length;
    stats.bytesSent += chunk.length;
    if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), gone, sleep(2000)]);
    if (rng.chance(0.02)) await sleep(rng.int(1, 20));
  }
  const sent = closed ? pdusWithin(pdus, at) : pdus.length;
  stats.pdus += sent;
  await Promise.race([gone, sleep(rng.int(50, 500))]);
  if (closed) stats.closedByServer++;
  if (rng.chance(0.5)) socket.end();
  socket.destroy();
  return Math.min(burst, sent);
}

/** How many of `pdus` (laid end to end) lie wholly within the first `bytes` bytes. */
function pdusWithin(pdus: readonly Buffer[], bytes: number): number {
  let n = 0;
  let end = 0;
  for (const p of pdus) {
    end += p.length;
    if (end > bytes) break;
    n++;
  }
  return n;
}

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
