import { COMMAND_IDS } from '../command-ids.ts';
import { COMMAND_STATUS as S } from '../command-status.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, readShortMessage, writeCstr, writeShortMessage } from './fields.ts';

type ShortMessagePdu = PduOf<'submit_sm' | 'deliver_sm'>;

/** submit_sm (SMPP 3.4 §4.4.1) and deliver_sm (§4.6.1), which share one layout. */
export function decodeShortMessage<C extends ShortMessagePdu['command']>(
  command: C,
  r: Reader,
  commandStatus: number,
  sequenceNumber: number,
): PduOf<C> {
  return {
    command,
    commandStatus,
    sequenceNumber,
    serviceType: cstr(r, F.serviceType),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr),
    destAddrTon: r.int8(),
    destAddrNpi: r.int8(),
    destinationAddr: cstr(r, F.destinationAddr),
    esmClass: r.int8(),
    protocolId: r.int8(),
    priorityFlag: r.int8(),
    scheduleDeliveryTime: r.time(S.ESME_RINVSCHED, 'schedule_delivery_time'),
    validityPeriod: r.time(S.ESME_RINVEXPIRY, 'validity_period'),
    registeredDelivery: r.int8(),
    replaceIfPresentFlag: r.int8(),
    dataCoding: r.int8(),
    smDefaultMsgId: r.int8(),
    shortMessage: readShortMessage(r),
    tlvs: readTlvs(r),
  } as PduOf<C>;
}

export function encodeShortMessage(pdu: ShortMessagePdu): Buffer {
  const size =
    cstringSize(pdu.serviceType) +
    cstringSize(pdu.sourceAddr) +
    cstringSize(pdu.destinationAddr) +
    cstringSize(pdu.scheduleDeliveryTime) +
    cstringSize(pdu.validityPeriod) +
    12 +
    pdu.shortMessage.length +
    tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.serviceType, F.serviceType);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr);
  w.int8(pdu.destAddrTon, 'dest_addr_ton');
  w.int8(pdu.destAddrNpi, 'dest_addr_npi');
  writeCstr(w, pdu.destinationAddr, F.destinationAddr);
  w.int8(pdu.esmClass, 'esm_class');
  w.int8(pdu.protocolId, 'protocol_id');
  w.int8(pdu.priorityFlag, 'priority_flag');
  w.time(pdu.scheduleDeliveryTime, 'schedule_delivery_time');
  w.time(pdu.validityPeriod, 'validity_period');
  w.int8(pdu.registeredDelivery, 'registered_delivery');
  w.int8(pdu.replaceIfPresentFlag, 'replace_if_present_flag');
  w.int8(pdu.dataCoding, 'data_coding');
  w.int8(pdu.smDefaultMsgId, 'sm_default_msg_id');
  writeShortMessage(w, pdu.shortMessage);
  writeTlvs(w, pdu.tlvs);
  return w.finish();
}
