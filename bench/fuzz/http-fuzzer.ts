import { connect } from 'node:net';
import { fuzzRequest, type HttpFuzzContext } from './http-fuzz.ts';
import { Rng } from './random.ts';

export interface HttpFuzzOptions extends HttpFuzzContext {
  readonly port: number;
  readonly count: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly deadline: number;
}

export interface HttpFuzzStats {
  requests: number;
  /** Answers by status class and code. */
  statuses: Record<string, number>;
  /** Connections closed (or left unanswered for 3 s) without any answer. */
  unanswered: number;
  /** 5xx answers, by kind of request: each is a bug, even if nothing crashed. */
  serverErrors: Record<string, number>;
  /** Answers that showed what they must not: a file from outside the web folder, a stack trace. */
  leaks: string[];
}

const LEAK = /root:x:0:0|"name":\s*"petrel"|\[core\]|DATABASE_URL|\bat [\w.<>]+ \(\/[^)]+\.ts:\d+/;

/** Sends `count` malformed requests, each on a connection of its own, `concurrency` at a time. */
export async function runHttpFuzz(o: HttpFuzzOptions): Promise<HttpFuzzStats> {
  const stats: HttpFuzzStats = { requests: 0, statuses: {}, unanswered: 0, serverErrors: {}, leaks: [] };
  let next = 0;
  const worker = async (lane: number): Promise<void> => {
    const rng = new Rng(o.seed * 104729 + lane);
    while (next < o.count && performance.now() < o.deadline) {
      next++;
      const req = fuzzRequest(rng, o);
      const answer = await send(o.host, o.port, req.bytes, rng.chance(0.1));
      stats.requests++;
      if (answer === undefined) {
        stats.unanswered++;
        continue;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 'unparsed';
      stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
      if (status.startsWith('5')) stats.serverErrors[`${req.kind} ${status}`] = (stats.serverErrors[`${req.kind} ${status}`] ?? 0) + 1;
      const leak = LEAK.exec(answer);
      if (leak && stats.leaks.length < 20) stats.leaks.push(`${req.kind}: ${req.bytes.subarray(0, 80).toString('latin1').split('\r\n')[0]} → ${leak[0]}`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, lane) => worker(lane)));
  return stats;
}

/** Writes the bytes (in two pieces when `split`), reads what comes back for up to 3 s, closes. */
function send(host: string, port: number, bytes: Buffer, split: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = connect({ host, port });
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(size > 0 ? Buffer.concat(chunks).toString('latin1') : undefined);
    };
    const timer = setTimeout(finish, 3000);
    socket.on('data', (d: Buffer) => {
      if (size < 64 * 1024) chunks.push(d);
      size += d.length;
      if (answerComplete(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', () => {
      if (!split) {
        socket.write(bytes);
        return;
      }
      const at = Math.floor(bytes.length / 2);
      socket.write(bytes.subarray(0, at));
      setTimeout(() => socket.writable && socket.write(bytes.subarray(at)), 20);
    });
  });
}

/** Whether `text` holds a whole answer: its head, and its body by content-length or the last chunk. */
function answerComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = text.slice(0, end);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return text.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return text.endsWith('0\r\n\r\n');
  return / (1\d\d|204|304) /.test(head.split('\r\n')[0] ?? '');
}
