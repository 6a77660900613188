/** Tunables of one session; every field has a default (see DEFAULT_SESSION_OPTIONS). */
export interface SessionOptions {
  /** Largest command_length accepted; a bigger one is a framing error (nack, then close). */
  readonly maxPduLength: number;
  /** Requests in flight at once; further ones wait, in order. */
  readonly windowSize: number;
  /** How long a request waits for its response before it rejects with SmppTimeoutError. */
  readonly requestTimeoutMs: number;
  /** Send enquire_link after this long without receiving anything; 0 turns keep-alive off. No answer closes the session. */
  readonly enquireLinkIntervalMs: number;
  /** Server side: close a connection that has not bound within this time. */
  readonly bindTimeoutMs: number;
  /** Stop reading the socket when this many inbound requests await the application's response... */
  readonly inboundHighWaterMark: number;
  /** ...and read again once they are down to this many. */
  readonly inboundLowWaterMark: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  maxPduLength: 65_536,
  windowSize: 10,
  requestTimeoutMs: 30_000,
  enquireLinkIntervalMs: 30_000,
  bindTimeoutMs: 30_000,
  inboundHighWaterMark: 1_000,
  inboundLowWaterMark: 500,
};

/** Fills defaults and checks the numbers make sense; throws RangeError naming the bad one. */
export function resolveSessionOptions(given: Partial<SessionOptions> = {}): SessionOptions {
  const options: SessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...stripUndefined(given) };
  if (given.inboundLowWaterMark === undefined && given.inboundHighWaterMark !== undefined) {
    Object.assign(options, { inboundLowWaterMark: Math.floor(options.inboundHighWaterMark / 2) });
  }
  positive(options.windowSize, 'windowSize');
  positive(options.requestTimeoutMs, 'requestTimeoutMs');
  positive(options.bindTimeoutMs, 'bindTimeoutMs');
  positive(options.inboundHighWaterMark, 'inboundHighWaterMark');
  if (!(options.maxPduLength >= 16)) throw new RangeError('maxPduLength must be at least 16');
  if (!(options.enquireLinkIntervalMs >= 0)) throw new RangeError('enquireLinkIntervalMs must be 0 (off) or positive');
  if (!(options.inboundLowWaterMark >= 0 && options.inboundLowWaterMark < options.inboundHighWaterMark)) {
    throw new RangeError('inboundLowWaterMark must be below inboundHighWaterMark');
  }
  return options;
}

function positive(value: number, name: string): void {
  if (!(value > 0)) throw new RangeError(`${name} must be positive`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
