import { COMMAND_IDS } from '../command-ids.ts';
import { COMMAND_STATUS as S } from '../command-status.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, writeCstr } from './fields.ts';

/** query_sm (SMPP 3.4 §4.8.1). */
export function decodeQuerySm(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'query_sm'> {
  const pdu = {
    command: 'query_sm',
    commandStatus,
    sequenceNumber,
    messageId: cstr(r, F.messageId),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr),
  } as const;
  r.done();
  return pdu;
}

export function encodeQuerySm(pdu: PduOf<'query_sm'>): Buffer {
  const w = new Writer(COMMAND_IDS.query_sm, pdu.commandStatus, pdu.sequenceNumber, cstringSize(pdu.messageId) + 2 + cstringSize(pdu.sourceAddr));
  writeCstr(w, pdu.messageId, F.messageId);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr);
  return w.finish();
}

/** query_sm_resp (§4.8.2); the body may be absent on error. */
export function decodeQuerySmResp(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'query_sm_resp'> {
  if (commandStatus !== 0 && r.remaining === 0) {
    return { command: 'query_sm_resp', commandStatus, sequenceNumber, messageId: '', finalDate: '', messageState: 0, errorCode: 0 };
  }
  const pdu = {
    command: 'query_sm_resp',
    commandStatus,
    sequenceNumber,
    messageId: cstr(r, F.messageId),
    finalDate: r.time(S.ESME_RINVPARLEN, 'final_date'),
    messageState: r.int8(),
    errorCode: r.int8(),
  } as const;
  r.done();
  return pdu;
}

export function encodeQuerySmResp(pdu: PduOf<'query_sm_resp'>): Buffer {
  const size = cstringSize(pdu.messageId) + cstringSize(pdu.finalDate) + 2;
  const w = new Writer(COMMAND_IDS.query_sm_resp, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.messageId, F.messageId);
  w.time(pdu.finalDate, 'final_date');
  w.int8(pdu.messageState, 'message_state');
  w.int8(pdu.errorCode, 'error_code');
  return w.finish();
}
