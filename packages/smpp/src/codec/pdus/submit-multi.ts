import { COMMAND_IDS } from '../command-ids.ts';
import { COMMAND_STATUS as S } from '../command-status.ts';
import { FieldError } from '../field-error.ts';
import { FIELD as F, MAX_DESTS } from '../field-limits.ts';
import type { DestAddress, PduOf, UnsuccessSme } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { NO_TLVS, readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, readShortMessage, writeCstr, writeShortMessage } from './fields.ts';

/** dest_flag values of submit_multi's dest_address (SMPP 3.4 §5.2.25). */
const SME_ADDRESS = 1;
const DISTRIBUTION_LIST = 2;

/** submit_multi (§4.5.1): submit_sm with a list of SME addresses and distribution lists. */
export function decodeSubmitMulti(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'submit_multi'> {
  return {
    command: 'submit_multi',
    commandStatus,
    sequenceNumber,
    serviceType: cstr(r, F.serviceType),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr),
    destAddresses: readDestAddresses(r),
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
  };
}

function readDestAddresses(r: Reader): DestAddress[] {
  const count = r.int8();
  if (count === 0 || count > MAX_DESTS) throw new FieldError(S.ESME_RINVNUMDESTS, `number_of_dests ${count}`);
  const list: DestAddress[] = [];
  for (let i = 0; i < count; i++) {
    const flag = r.int8();
    if (flag === SME_ADDRESS) {
      list.push({ kind: 'sme', destAddrTon: r.int8(), destAddrNpi: r.int8(), destinationAddr: cstr(r, F.destinationAddr) });
    } else if (flag === DISTRIBUTION_LIST) {
      list.push({ kind: 'distribution_list', dlName: cstr(r, F.dlName) });
    } else {
      throw new FieldError(S.ESME_RINVDESTFLAG, `dest_flag ${flag}`);
    }
  }
  return list;
}

export function encodeSubmitMulti(pdu: PduOf<'submit_multi'>): Buffer {
  const dests = pdu.destAddresses;
  if (dests.length === 0 || dests.length > MAX_DESTS) throw new RangeError(`submit_multi needs 1..${MAX_DESTS} destinations`);
  let destSize = 1;
  for (const d of dests) destSize += d.kind === 'sme' ? 3 + cstringSize(d.destinationAddr) : 1 + cstringSize(d.dlName);
  const size =
    cstringSize(pdu.serviceType) +
    2 +
    cstringSize(pdu.sourceAddr) +
    destSize +
    cstringSize(pdu.scheduleDeliveryTime) +
    cstringSize(pdu.validityPeriod) +
    8 +
    pdu.shortMessage.length +
    tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS.submit_multi, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.serviceType, F.serviceType);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr);
  w.int8(dests.length, 'number_of_dests');
  for (const d of dests) writeDestAddress(w, d);
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

function writeDestAddress(w: Writer, d: DestAddress): void {
  if (d.kind === 'sme') {
    w.int8(SME_ADDRESS, 'dest_flag');
    w.int8(d.destAddrTon, 'dest_addr_ton');
    w.int8(d.destAddrNpi, 'dest_addr_npi');
    writeCstr(w, d.destinationAddr, F.destinationAddr);
  } else {
    w.int8(DISTRIBUTION_LIST, 'dest_flag');
    writeCstr(w, d.dlName, F.dlName);
  }
}

/** submit_multi_resp (§4.5.2): message_id and the destinations that failed, each with its error. */
export function decodeSubmitMultiResp(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'submit_multi_resp'> {
  if (commandStatus !== 0 && r.remaining === 0) {
    return { command: 'submit_multi_resp', commandStatus, sequenceNumber, messageId: '', unsuccessSmes: [], tlvs: NO_TLVS };
  }
  const messageId = cstr(r, F.messageId);
  const count = r.int8();
  const unsuccessSmes: UnsuccessSme[] = [];
  for (let i = 0; i < count; i++) {
    unsuccessSmes.push({ destAddrTon: r.int8(), destAddrNpi: r.int8(), destinationAddr: cstr(r, F.destinationAddr), errorStatusCode: r.int32() });
  }
  return { command: 'submit_multi_resp', commandStatus, sequenceNumber, messageId, unsuccessSmes, tlvs: readTlvs(r) };
}

export function encodeSubmitMultiResp(pdu: PduOf<'submit_multi_resp'>): Buffer {
  if (pdu.unsuccessSmes.length > MAX_DESTS) throw new RangeError(`no_unsuccess above ${MAX_DESTS}`);
  let size = cstringSize(pdu.messageId) + 1 + tlvsSize(pdu.tlvs);
  for (const u of pdu.unsuccessSmes) size += 6 + cstringSize(u.destinationAddr);
  const w = new Writer(COMMAND_IDS.submit_multi_resp, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.messageId, F.messageId);
  w.int8(pdu.unsuccessSmes.length, 'no_unsuccess');
  for (const u of pdu.unsuccessSmes) {
    w.int8(u.destAddrTon, 'dest_addr_ton');
    w.int8(u.destAddrNpi, 'dest_addr_npi');
    writeCstr(w, u.destinationAddr, F.destinationAddr);
    w.int32(u.errorStatusCode, 'error_status_code');
  }
  writeTlvs(w, pdu.tlvs);
  return w.finish();
}
