import { Agent, createServer, request, type Server } from 'node:http';
import { LoadClock, type LoadResult, settle } from './load-result.ts';

/**
 * Receives DLR callbacks (`GET /dlr?n=<seq>&s=<status>`) on 127.0.0.1. Kannel's %d: 1 delivered,
 * 2 failed, 16 rejected by the SMSC are final; 4 (buffered) and 8 (submitted) are not.
 */
export interface DlrReceiver {
  readonly base: string;
  /** A dlr-url for message `seq`, with the status placeholder. */
  urlFor(seq: number): string;
  onFinal(fn: (seq: number, at: number) => void): void;
  close(): Promise<void>;
}

const FINAL = new Set(['1', '2', '16']);

export async function startDlrReceiver(): Promise<DlrReceiver> {
  const seen = new Set<number>();
  const listeners: ((seq: number, at: number) => void)[] = [];
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    const seq = Number(url.searchParams.get('n'));
    if (url.pathname === '/dlr' && FINAL.has(url.searchParams.get('s') ?? '') && !seen.has(seq)) {
      seen.add(seq);
      for (const fn of listeners) fn(seq, at);
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('OK');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    urlFor: (seq) => `${base}/dlr?n=${seq}&s=%d`,
    onFinal: (fn) => listeners.push(fn),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface HttpLoadOptions {
  readonly host: string;
  readonly port: number;
  readonly count: number;
  /** Sequence numbers run from here (default 0): loads that share a DLR receiver need ranges apart. */
  readonly firstSeq?: number;
  /** Requests in flight at once, each on its own keep-alive connection. */
  readonly concurrency: number;
  /** The GET path (with query) for message `seq`. */
  path(seq: number): string;
  /** 2xx with this body start counts as accepted (Kannel: "0: Accepted"); default any 2xx. */
  readonly acceptedBody?: RegExp;
  readonly receiver: DlrReceiver;
  /** Give up waiting for DLRs when none came for this long. */
  readonly idleMs: number;
  /** The whole load ends by then (performance.now() time). */
  readonly deadline: number;
}

/** Sends `count` GET requests, `concurrency` at a time over keep-alive, and waits for their final DLRs. */
export async function runHttpLoad(o: HttpLoadOptions): Promise<LoadResult> {
  const clock = new LoadClock(o.count, o.concurrency);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const accepted = new Set<number>();
  const early = new Set<number>();
  o.receiver.onFinal((seq, at) => {
    if (accepted.has(seq)) clock.receipt(at);
    else early.add(seq); // the DLR came before the answer to the request: count it once that comes
  });
  const first = o.firstSeq ?? 0;
  let next = first;
  const worker = async (): Promise<void> => {
    while (next < first + o.count && performance.now() < o.deadline) {
      const seq = next++;
      const sentAt = performance.now();
      clock.requested(sentAt);
      const answer = await get(agent, o.host, o.port, o.path(seq));
      const at = performance.now();
      const ok = answer.status >= 200 && answer.status < 300 && (o.acceptedBody?.test(answer.body) ?? true);
      clock.answered(sentAt, at, ok ? 'accepted' : answer.status === 0 ? 'error' : `HTTP ${answer.status} ${answer.body.slice(0, 60).trim()}`);
      if (ok) {
        accepted.add(seq);
        if (early.delete(seq)) clock.receipt(at);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  await settle(() => clock.receipts >= clock.accepted, () => clock.receipts, o.idleMs, o.deadline);
  agent.destroy();
  return clock.result();
}

/** One GET; status 0 when no answer came, with the error's code (ECONNREFUSED: the request never reached a server). */
export function get(agent: Agent, host: string, port: number, path: string): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, method: 'GET', agent, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: 0, body: '', error: err.code ?? err.message }));
    req.end();
  });
}
