import { COMMAND_IDS } from '../command-ids.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, writeCstr } from './fields.ts';

/** cancel_sm (SMPP 3.4 §4.9.1). */
export function decodeCancelSm(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'cancel_sm'> {
  const pdu = {
    command: 'cancel_sm',
    commandStatus,
    sequenceNumber,
    serviceType: cstr(r, F.serviceType),
    messageId: cstr(r, F.messageId),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr),
    destAddrTon: r.int8(),
    destAddrNpi: r.int8(),
    destinationAddr: cstr(r, F.destinationAddr),
  } as const;
  r.done();
  return pdu;
}

export function encodeCancelSm(pdu: PduOf<'cancel_sm'>): Buffer {
  const size = cstringSize(pdu.serviceType) + cstringSize(pdu.messageId) + cstringSize(pdu.sourceAddr) + cstringSize(pdu.destinationAddr) + 4;
  const w = new Writer(COMMAND_IDS.cancel_sm, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.serviceType, F.serviceType);
  writeCstr(w, pdu.messageId, F.messageId);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr);
  w.int8(pdu.destAddrTon, 'dest_addr_ton');
  w.int8(pdu.destAddrNpi, 'dest_addr_npi');
  writeCstr(w, pdu.destinationAddr, F.destinationAddr);
  return w.finish();
}
