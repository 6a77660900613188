import { COMMAND_IDS } from '../command-ids.ts';
import { COMMAND_STATUS as S } from '../command-status.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, readShortMessage, writeCstr, writeShortMessage } from './fields.ts';

/** replace_sm (SMPP 3.4 §4.10.1). */
export function decodeReplaceSm(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'replace_sm'> {
  const pdu = {
    command: 'replace_sm',
    commandStatus,
    sequenceNumber,
    messageId: cstr(r, F.messageId),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr),
    scheduleDeliveryTime: r.time(S.ESME_RINVSCHED, 'schedule_delivery_time'),
    validityPeriod: r.time(S.ESME_RINVEXPIRY, 'validity_period'),
    registeredDelivery: r.int8(),
    smDefaultMsgId: r.int8(),
    shortMessage: readShortMessage(r),
  } as const;
  r.done();
  return pdu;
}

export function encodeReplaceSm(pdu: PduOf<'replace_sm'>): Buffer {
  const size =
    cstringSize(pdu.messageId) +
    2 +
    cstringSize(pdu.sourceAddr) +
    cstringSize(pdu.scheduleDeliveryTime) +
    cstringSize(pdu.validityPeriod) +
    3 +
    pdu.shortMessage.length;
  const w = new Writer(COMMAND_IDS.replace_sm, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.messageId, F.messageId);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr);
  w.time(pdu.scheduleDeliveryTime, 'schedule_delivery_time');
  w.time(pdu.validityPeriod, 'validity_period');
  w.int8(pdu.registeredDelivery, 'registered_delivery');
  w.int8(pdu.smDefaultMsgId, 'sm_default_msg_id');
  writeShortMessage(w, pdu.shortMessage);
  return w.finish();
}
