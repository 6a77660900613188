import { connect, readReceipt, type BindType, type PduOf, type Receipt, type Session } from '@petrel/smpp';

/** One of our own ESME sessions that acknowledges and records every deliver_sm it receives. */
export interface Esme {
  readonly session: Session;
  readonly delivered: PduOf<'deliver_sm'>[];
  readonly receipts: Receipt[];
}

export async function bindEsme(port: number, options: { systemId?: string; password?: string; bindType?: BindType; windowSize?: number } = {}): Promise<Esme> {
  const session = await connect({
    host: '127.0.0.1',
    port,
    systemId: options.systemId ?? 'esme',
    password: options.password ?? 'secret',
    bindType: options.bindType ?? 'transceiver',
    windowSize: options.windowSize ?? 100,
    enquireLinkIntervalMs: 0,
  });
  const esme: Esme = { session, delivered: [], receipts: [] };
  session.on('deliver_sm', (pdu) => {
    esme.delivered.push(pdu);
    const receipt = readReceipt(pdu);
    if (receipt !== undefined) esme.receipts.push(receipt);
    session.respond(pdu);
  });
  return esme;
}
