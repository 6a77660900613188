import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { countSockets, readProc } from '../../src/bench/proc-stats.ts';

/** TCP connections on the server side of `port` that are not closed yet (TIME_WAIT holds no socket). */
export function serverConnections(port: number): number {
  let n = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 4) continue;
      const localPort = parseInt((f[1] ?? '').split(':')[1] ?? '', 16);
      const state = f[3];
      // 0A LISTEN, 06 TIME_WAIT, 07 CLOSE: no open socket behind them.
      if (localPort === port && state !== '0A' && state !== '06' && state !== '07') n++;
    }
  }
  return n;
}

/** Whether /healthz answers 200 within 5 s (on a connection of its own that closes after). */
export function healthy(httpUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${httpUrl}/healthz`, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

export interface TargetLook {
  readonly alive: boolean;
  readonly healthy: boolean;
  readonly rssMb: number;
  /** Socket descriptors of the process, not counting its connections to the database. */
  readonly socketFds: number;
  readonly smppConnections: number;
  readonly httpConnections: number;
}

export async function lookAt(pid: number, httpUrl: string, smppPort: number, httpPort: number, databasePort?: number): Promise<TargetLook> {
  const proc = readProc(pid);
  return {
    alive: proc !== undefined,
    healthy: await healthy(httpUrl),
    rssMb: Math.round(proc?.rssMb ?? 0),
    socketFds: countSockets(pid, databasePort),
    smppConnections: serverConnections(smppPort),
    httpConnections: serverConnections(httpPort),
  };
}

/**
 * Waits (up to `ms`) for the server to close the SMPP connections the fuzzer left, then looks.
 * Memory is the lowest RSS seen while the process goes idle (up to `rssSettleMs` more, stopping
 * early once it stops falling): what a burst left as garbage is collected within seconds, what
 * leaked stays. Without this, a busy machine that delays garbage collection reads as a leak.
 */
export async function settledLook(pid: number, httpUrl: string, smppPort: number, httpPort: number, databasePort?: number, ms = 10_000, rssSettleMs = 8_000): Promise<TargetLook> {
  const until = Date.now() + ms;
  let look = await lookAt(pid, httpUrl, smppPort, httpPort, databasePort);
  while (Date.now() < until && look.smppConnections > 0) {
    await new Promise((r) => setTimeout(r, 250));
    look = await lookAt(pid, httpUrl, smppPort, httpPort, databasePort);
  }
  let rssMb = look.rssMb;
  const settleUntil = Date.now() + rssSettleMs;
  for (let flat = 0; Date.now() < settleUntil && flat < 8; ) {
    await new Promise((r) => setTimeout(r, 250));
    const now = Math.round(readProc(pid)?.rssMb ?? rssMb);
    flat = now < rssMb ? 0 : flat + 1;
    rssMb = Math.min(rssMb, now);
  }
  return { ...look, rssMb };
}
