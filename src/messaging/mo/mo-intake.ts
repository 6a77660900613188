import { COMMAND_STATUS, type IncomingPart, Reassembler, type Session, decodeParts, readIncomingPart } from '@petrel/smpp';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Log } from '../dispatch/log.ts';
import type { InboundPdu } from '../dispatch/vendor-binds.ts';
import type { VendorConfig } from '../dispatch/vendor.store.ts';
import { insertInbox } from './inbox.store.ts';

/** Who owns an MO: the client an MO number (and keyword) is assigned to. */
export interface MoOwners {
  ownerOf(number: string, text: string): Promise<number | undefined>;
}

export interface MoIntakeDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Log;
  readonly owners: MoOwners;
  readonly onInbox: (clientId: number) => void;
  /** How long the parts of a concatenated MO may take to arrive. */
  readonly reassemblyTimeoutMs?: number;
}

const UDHI = 0x40;

/**
 * MO from vendors: parts reassembled (UDH or SAR), the whole text given to the owner of the
 * number it was sent to, as an inbox row (delivered over SMPP when the client asked for it).
 * deliver_sm_resp goes out once the row is committed; an MO nobody owns is logged and dropped.
 */
export class MoIntake {
  private readonly reassembler: Reassembler;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  readonly counters = { received: 0, stored: 0, unowned: 0, incomplete: 0, invalid: 0 };

  constructor(private readonly deps: MoIntakeDeps) {
    this.reassembler = new Reassembler({ timeoutMs: deps.reassemblyTimeoutMs ?? 60_000 });
  }

  start(): void {
    this.timer = setInterval(() => this.expire(), Math.min(5_000, this.deps.reassemblyTimeoutMs ?? 60_000));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  add(vendor: VendorConfig, session: Session, pdu: InboundPdu): void {
    this.counters.received++;
    const body = pdu.command === 'deliver_sm' && pdu.shortMessage.length > 0 ? pdu.shortMessage : (pdu.tlvs.messagePayload ?? Buffer.alloc(0));
    const { sarMsgRefNum, sarTotalSegments, sarSegmentSeqnum } = pdu.tlvs;
    const sar = sarMsgRefNum !== undefined && sarTotalSegments !== undefined && sarSegmentSeqnum !== undefined ? { sarMsgRefNum, sarTotalSegments, sarSegmentSeqnum } : undefined;
    const part = readIncomingPart({ source: pdu.sourceAddr, destination: pdu.destinationAddr, dataCoding: pdu.dataCoding, shortMessage: body, esmClassUdhi: (pdu.esmClass & UDHI) !== 0, ...(sar ? { sar } : {}) });
    if (!part.ok) {
      this.counters.invalid++;
      this.deps.log.warn({ vendor: vendor.name, from: pdu.sourceAddr, to: pdu.destinationAddr, error: part.error.kind }, 'MO part unreadable; acknowledged and dropped');
      session.respond(pdu, {});
      return;
    }
    const added = this.reassembler.add(part.value, this.deps.clock.now().getTime());
    if (added.status !== 'complete') {
      if (added.status === 'refused') this.deps.log.warn({ vendor: vendor.name, reason: added.reason }, 'MO part refused by reassembly');
      session.respond(pdu, {});
      return;
    }
    const text = added.message.text.ok ? added.message.text.value : hexOf(added.message.parts);
    this.track(this.store(vendor, added.message.source, added.message.destination, text).then((status) => void session.respond(pdu, { commandStatus: status })));
  }

  /** Incomplete messages past the timeout: what arrived is delivered, marked as incomplete. */
  private expire(): void {
    for (const e of this.reassembler.expire(this.deps.clock.now().getTime())) {
      this.counters.incomplete++;
      const decoded = decodeParts(e.parts, {});
      const text = `${decoded.ok ? decoded.value : hexOf(e.parts)} [incomplete: part(s) ${e.missing.join(', ')} of ${e.total} missing]`;
      this.track(this.store(undefined, e.source, e.destination, text).then(() => undefined));
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async store(vendor: VendorConfig | undefined, source: string, destination: string, text: string): Promise<number> {
    const number = destination.replace(/^\+/, '');
    try {
      const clientId = await this.deps.owners.ownerOf(number, text);
      if (clientId === undefined) {
        this.counters.unowned++;
        this.deps.log.warn({ vendor: vendor?.name, from: source, to: number }, 'MO for a number no client owns; dropped');
        return COMMAND_STATUS.ESME_ROK;
      }
      await insertInbox(this.deps.db, { clientId, source: source.replace(/^\+/, ''), destination: number, text, vendorId: vendor?.id ?? null, receivedAt: this.deps.clock.now() });
      this.counters.stored++;
      this.deps.onInbox(clientId);
      return COMMAND_STATUS.ESME_ROK;
    } catch (err) {
      this.deps.log.error({ err: (err as Error).message, to: number }, 'storing an MO failed; the vendor will send it again');
      return COMMAND_STATUS.ESME_RX_T_APPN;
    }
  }
}

function hexOf(parts: readonly IncomingPart[]): string {
  return `hex:${Buffer.concat(parts.map((p) => p.body)).toString('hex')}`;
}
