import { isIP } from 'node:net';
import { Agent, errors } from 'undici';
import { isNonPublicAddress } from './rules/private-address.ts';
import { guardedLookup } from './url-guard.ts';

export interface CallRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

export interface CallResult {
  /** The HTTP status, or null when no answer came (refused address, connection error, timeout). */
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** Connections kept open per endpoint (origin); calls beyond them wait for one. */
const CONNECTIONS_PER_ORIGIN = 64;

/**
 * One HTTP call to a client's endpoint: no redirects followed (a 3xx is a failure), the answer's
 * body read and dropped, a time limit per call, and the connection only to a public address unless
 * private callbacks are allowed (checked on the resolved address, so DNS rebinding does not help).
 *
 * undici (Node's own HTTP client project) rather than node:http's client: a call costs about half
 * the CPU (bench/results/README.md, eighteenth session), and every report pushed to a dlr-url or
 * webhook is one call.
 */
export class HttpCaller {
  private readonly agent: Agent;

  constructor(
    private readonly allowPrivate: boolean,
    private readonly timeoutMs = 10_000,
  ) {
    this.agent = new Agent({
      connections: CONNECTIONS_PER_ORIGIN,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // The address connected to is the one checked: a name that resolves to a private address is refused here.
      connect: { lookup: guardedLookup(allowPrivate) },
    });
  }

  async call(req: CallRequest): Promise<CallResult> {
    const started = Date.now();
    const done = (status: number | null, error: string | null): CallResult => ({ status, error, durationMs: Date.now() - started });
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return done(null, 'not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return done(null, `${url.protocol} is not HTTP; refused`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowPrivate && isIP(host) && isNonPublicAddress(host)) return done(null, `${host} is a loopback or private address; refused`);
    try {
      const answer = await this.agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: req.method, headers: req.headers, body: req.body });
      await answer.body.dump();
      return done(answer.statusCode, null);
    } catch (err) {
      return done(null, this.reason(err));
    }
  }

  close(): Promise<void> {
    return this.agent.destroy();
  }

  private reason(err: unknown): string {
    if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError || err instanceof errors.ConnectTimeoutError) return `no answer within ${this.timeoutMs} ms`;
    return err instanceof Error ? err.message : String(err);
  }
}
