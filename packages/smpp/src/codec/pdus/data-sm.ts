import { COMMAND_IDS } from '../command-ids.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, writeCstr } from './fields.ts';

/** data_sm (SMPP 3.4 §4.7.1): addresses up to 64 characters, the message travels in TLVs. */
export function decodeDataSm(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'data_sm'> {
  return {
    command: 'data_sm',
    commandStatus,
    sequenceNumber,
    serviceType: cstr(r, F.serviceType),
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr65),
    destAddrTon: r.int8(),
    destAddrNpi: r.int8(),
    destinationAddr: cstr(r, F.destinationAddr65),
    esmClass: r.int8(),
    registeredDelivery: r.int8(),
    dataCoding: r.int8(),
    tlvs: readTlvs(r),
  };
}

export function encodeDataSm(pdu: PduOf<'data_sm'>): Buffer {
  const size = cstringSize(pdu.serviceType) + cstringSize(pdu.sourceAddr) + cstringSize(pdu.destinationAddr) + 7 + tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS.data_sm, pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.serviceType, F.serviceType);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr65);
  w.int8(pdu.destAddrTon, 'dest_addr_ton');
  w.int8(pdu.destAddrNpi, 'dest_addr_npi');
  writeCstr(w, pdu.destinationAddr, F.destinationAddr65);
  w.int8(pdu.esmClass, 'esm_class');
  w.int8(pdu.registeredDelivery, 'registered_delivery');
  w.int8(pdu.dataCoding, 'data_coding');
  writeTlvs(w, pdu.tlvs);
  return w.finish();
}
