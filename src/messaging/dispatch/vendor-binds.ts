import { type BindType, type PduOf, type Session, connect } from '@petrel/smpp';
import type { Log } from './log.ts';
import { classifyBindFailure, reconnectDelayMs } from './rules/reconnect-delay.ts';
import type { VendorConfig } from './vendor.store.ts';

export type BindState = 'connecting' | 'bound' | 'down' | 'stopped';

/** One bind to a vendor; the dispatcher sends on the bound ones that may transmit. */
export interface BindSlot {
  readonly index: number;
  readonly bindType: BindType;
  state: BindState;
  since: Date;
  lastError: string | undefined;
  session: Session | undefined;
  /** submit_sm in flight on this bind. */
  inFlight: number;
  /** Bind attempts that failed in a row, for any reason. */
  failures: number;
  /** Of those, the ones the vendor refused (answered with an error or not in time): they double the wait. */
  refusals: number;
}

export type InboundPdu = PduOf<'deliver_sm'> | PduOf<'data_sm'>;

/** What the vendor sends us: receipts and MO, answered by the handler once they are stored. */
export type InboundHandler = (vendor: VendorConfig, session: Session, pdu: InboundPdu) => void;

/**
 * The binds of one vendor, kept up: `sessions` transceivers, or `sessions` transmitters and one
 * receiver for the receipts. Each binds again after reconnect_delay: at that pace while the vendor
 * cannot be reached, so the binds are back within it of the carrier's return; doubling (up to a
 * minute) while the vendor refuses the bind (`rules/reconnect-delay.ts`). Every bind going up or
 * down is logged.
 */
export class VendorBinds {
  readonly slots: BindSlot[];
  private stopped = false;
  private readonly waiters = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly vendor: VendorConfig,
    private readonly onInbound: InboundHandler,
    private readonly log: Log,
  ) {
    const types: BindType[] = vendor.bindType === 'transceiver' ? Array(vendor.sessions).fill('transceiver') : [...Array(vendor.sessions).fill('transmitter'), 'receiver'];
    this.slots = types.map((bindType, index) => ({ index, bindType, state: 'connecting', since: new Date(), lastError: undefined, session: undefined, inFlight: 0, failures: 0, refusals: 0 }));
  }

  start(): void {
    for (const slot of this.slots) void this.run(slot);
  }

  /** Binds that may submit now. */
  senders(): BindSlot[] {
    return this.slots.filter((s) => s.state === 'bound' && s.bindType !== 'receiver' && s.session !== undefined);
  }

  /** Resolves when a bind comes up or goes down (or after `ms`), so a waiting sender looks again. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(
      this.slots.map(async (slot) => {
        const session = slot.session;
        slot.state = 'stopped';
        if (session) await Promise.race([session.unbind().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
        if (session) await session.close('stopped').catch(() => undefined);
      }),
    );
    this.notify();
  }

  private async run(slot: BindSlot): Promise<void> {
    while (!this.stopped) {
      const session = await this.bind(slot);
      if (session) {
        await closed(session);
        if (this.stopped) return;
        this.setState(slot, 'down', session.closeReason || 'connection closed');
        slot.session = undefined;
        this.log.warn({ vendor: this.vendor.name, bind: slot.index, reason: slot.lastError }, 'vendor bind down');
      }
      if (this.stopped) return;
      await this.sleep(reconnectDelayMs(this.vendor.reconnectDelaySeconds, slot.refusals));
    }
  }

  private async bind(slot: BindSlot): Promise<Session | undefined> {
    const v = this.vendor;
    this.setState(slot, 'connecting', slot.lastError);
    try {
      const session = await connect({
        host: v.host,
        port: v.port,
        ...(v.tls ? { tls: true } : {}),
        systemId: v.systemId,
        password: v.password,
        systemType: v.systemType,
        bindType: slot.bindType,
        windowSize: v.windowSize,
        enquireLinkIntervalMs: v.enquireLinkSeconds * 1000,
        requestTimeoutMs: 30_000,
        connectTimeoutMs: 10_000,
      });
      if (this.stopped) {
        await session.close('stopped');
        return undefined;
      }
      session.on('deliver_sm', (pdu) => this.onInbound(v, session, pdu));
      session.on('data_sm', (pdu) => this.onInbound(v, session, pdu));
      session.on('error', (err) => this.log.debug({ vendor: v.name, bind: slot.index, err: err.message }, 'vendor session error'));
      slot.session = session;
      slot.failures = 0;
      slot.refusals = 0;
      slot.inFlight = 0;
      this.setState(slot, 'bound', undefined);
      this.log.info({ vendor: v.name, bind: slot.index, bindType: slot.bindType, host: v.host, port: v.port }, 'vendor bind up');
      return session;
    } catch (err) {
      const failure = classifyBindFailure(err);
      slot.failures += 1;
      if (failure === 'refused') slot.refusals += 1;
      this.setState(slot, 'down', (err as Error).message);
      if (slot.failures === 1 || slot.failures % 10 === 0) this.log.warn({ vendor: v.name, bind: slot.index, err: (err as Error).message, failure, failures: slot.failures }, 'vendor bind failed');
      return undefined;
    }
  }

  private setState(slot: BindSlot, state: BindState, lastError: string | undefined): void {
    if (slot.state !== state) slot.since = new Date();
    slot.state = state;
    slot.lastError = lastError;
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
      if (this.stopped) {
        clearTimeout(t);
        resolve();
      }
    });
  }
}

function closed(session: Session): Promise<void> {
  if (session.state === 'closed') return Promise.resolve();
  return new Promise((resolve) => session.once('close', () => resolve()));
}
