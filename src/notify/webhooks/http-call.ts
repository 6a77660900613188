import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
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

/**
 * One HTTP call to a client's endpoint: no redirects followed (a 3xx is a failure), the answer's
 * body read and dropped, a time limit per call, and the connection only to a public address unless
 * private callbacks are allowed (checked on the resolved address, so DNS rebinding does not help).
 */
export class HttpCaller {
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
  private readonly lookup;

  constructor(
    private readonly allowPrivate: boolean,
    private readonly timeoutMs = 10_000,
  ) {
    this.lookup = guardedLookup(allowPrivate);
  }

  call(req: CallRequest): Promise<CallResult> {
    const started = Date.now();
    const done = (status: number | null, error: string | null): CallResult => ({ status, error, durationMs: Date.now() - started });
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return Promise.resolve(done(null, 'not a valid URL'));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowPrivate && isIP(host) && isNonPublicAddress(host)) return Promise.resolve(done(null, `${host} is a loopback or private address; refused`));
    const secure = url.protocol === 'https:';
    const body = req.body === null ? undefined : Buffer.from(req.body);
    return new Promise((resolve) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: req.method,
          headers: body ? Object.assign({}, req.headers, { 'content-length': String(body.length) }) : req.headers,
          agent: secure ? this.agents.https : this.agents.http,
          lookup: this.lookup,
          timeout: this.timeoutMs,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(done(res.statusCode ?? null, null)));
          res.on('error', (err) => resolve(done(res.statusCode ?? null, err.message)));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      request.on('error', (err) => resolve(done(null, err.message)));
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
