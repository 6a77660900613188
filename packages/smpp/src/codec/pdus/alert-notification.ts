import { COMMAND_IDS } from '../command-ids.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, writeCstr } from './fields.ts';

/** alert_notification (SMPP 3.4 §4.12.1): the MC tells an ESME a subscriber became reachable. No response. */
export function decodeAlertNotification(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'alert_notification'> {
  return {
    command: 'alert_notification',
    commandStatus,
    sequenceNumber,
    sourceAddrTon: r.int8(),
    sourceAddrNpi: r.int8(),
    sourceAddr: cstr(r, F.sourceAddr65),
    esmeAddrTon: r.int8(),
    esmeAddrNpi: r.int8(),
    esmeAddr: cstr(r, F.esmeAddr),
    tlvs: readTlvs(r),
  };
}

export function encodeAlertNotification(pdu: PduOf<'alert_notification'>): Buffer {
  const size = 4 + cstringSize(pdu.sourceAddr) + cstringSize(pdu.esmeAddr) + tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS.alert_notification, pdu.commandStatus, pdu.sequenceNumber, size);
  w.int8(pdu.sourceAddrTon, 'source_addr_ton');
  w.int8(pdu.sourceAddrNpi, 'source_addr_npi');
  writeCstr(w, pdu.sourceAddr, F.sourceAddr65);
  w.int8(pdu.esmeAddrTon, 'esme_addr_ton');
  w.int8(pdu.esmeAddrNpi, 'esme_addr_npi');
  writeCstr(w, pdu.esmeAddr, F.esmeAddr);
  writeTlvs(w, pdu.tlvs);
  return w.finish();
}
