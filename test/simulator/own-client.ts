import { connect, readReceipt, type BindType, type PduOf, type Receipt, type Session } from '@petrel/smpp';

/** One of our own ESME sessions that acknowledges and records every deliver_sm it receives. */
export interface Esme {
  readonly session: Session;
  readonly delivered: PduOf<'deliver_sm'>[];
  readonly receipts: Receipt[];
}

/** `refuse`: a command_status to answer a deliver_sm with instead of ESME_ROK (undefined: take it); a refused PDU is not recorded. */
export async function bindEsme(port: number, options: { systemId?: string; password?: string; bindType?: BindType; windowSize?: number; refuse?: (pdu: PduOf<'deliver_sm'>) => number | undefined } = {}): Promise<Esme> {
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
    const refusal = options.refuse?.(pdu);
    if (refusal !== undefined) return session.respond(pdu, { commandStatus: refusal });
    esme.delivered.push(pdu);
    const receipt = readReceipt(pdu);
    if (receipt !== undefined) esme.receipts.push(receipt);
    session.respond(pdu);
  });
  return esme;
}
