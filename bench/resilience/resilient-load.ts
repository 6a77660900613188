import { commandStatusName, connect, readReceipt, type Session } from '@petrel/smpp';
import { benchText } from '../../src/bench/load-result.ts';
import { BENCH_DESTINATION } from '../../src/bench/petrel-setup.ts';

export interface ResilientLoadOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  readonly binds: number;
  readonly window: number;
  /** At most this many messages a second in all (0: as fast as acknowledged). */
  readonly ratePerSecond: number;
}

/**
 * An SMPP client load that outlives its server: binds that drop are made again (every 200 ms
 * until they take), submits go on over whatever is bound. Remembers what was acknowledged (the
 * texts are unique: benchText(seq)) and which final receipts came back.
 */
export class ResilientLoad {
  /** seq → Petrel's message id, for every submit_sm_resp with ESME_ROK. */
  readonly acked = new Map<number, string>();
  /** Message ids with a final receipt at the client. */
  readonly receipted = new Set<string>();
  /** Submits sent whose answer never came (the connection died): they may or may not be in Petrel. */
  unanswered = 0;
  refused = 0;
  /** command_status name → submits refused with it. */
  readonly refusedWith = new Map<string, number>();
  private nextSeq = 0;
  private running = true;
  private submitting = true;
  private readonly loops: Promise<void>[] = [];
  private readonly sessions = new Set<Session>();
  private readonly spacingMs: number;
  private nextSlot = 0;

  constructor(private readonly o: ResilientLoadOptions) {
    this.spacingMs = o.ratePerSecond > 0 ? 1000 / o.ratePerSecond : 0;
    for (let i = 0; i < o.binds; i++) this.loops.push(this.bindLoop());
  }

  get sent(): number {
    return this.nextSeq;
  }

  /** Stop sending new messages; binds stay up to take receipts. */
  pause(): void {
    this.submitting = false;
  }

  /** Ids acknowledged whose final receipt has not come. */
  missingReceipts(): string[] {
    return [...this.acked.values()].filter((id) => !this.receipted.has(id));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.submitting = false;
    for (const s of this.sessions) void s.unbind().catch(() => s.close('load over'));
    await Promise.all(this.loops);
  }

  private async bindLoop(): Promise<void> {
    while (this.running) {
      let session: Session;
      try {
        session = await connect({ host: this.o.host, port: this.o.port, systemId: this.o.systemId, password: this.o.password, bindType: 'transceiver', windowSize: this.o.window, enquireLinkIntervalMs: 5_000, requestTimeoutMs: 15_000, connectTimeoutMs: 2_000 });
      } catch {
        await sleep(200);
        continue;
      }
      this.sessions.add(session);
      session.on('error', () => undefined);
      session.on('deliver_sm', (pdu) => {
        session.respond(pdu, {});
        const r = readReceipt(pdu);
        if (r && r.stat !== 'ENROUTE' && r.stat !== 'ACCEPTD') this.receipted.add(r.id);
      });
      const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
      const lanes = Array.from({ length: this.o.window }, () => this.lane(session));
      await closed;
      await Promise.all(lanes);
      this.sessions.delete(session);
    }
  }

  private async lane(session: Session): Promise<void> {
    while (this.running && session.state === 'bound_trx') {
      if (!this.submitting) {
        await sleep(100);
        continue;
      }
      if (this.spacingMs > 0) {
        const now = performance.now();
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + this.spacingMs;
        if (slot > now) await sleep(slot - now);
        if (session.state !== 'bound_trx') return;
      }
      const seq = this.nextSeq++;
      try {
        const resp = await session.submitSm({ sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: BENCH_DESTINATION, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from(benchText(seq), 'latin1') });
        this.acked.set(seq, resp.messageId);
      } catch (err) {
        const status = (err as { commandStatus?: number }).commandStatus;
        if (status === undefined) this.unanswered++;
        else {
          this.refused++;
          const name = commandStatusName(status);
          this.refusedWith.set(name, (this.refusedWith.get(name) ?? 0) + 1);
        }
      }
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
