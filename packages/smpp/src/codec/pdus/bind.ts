import { COMMAND_IDS } from '../command-ids.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import { Reader } from '../reader.ts';
import { NO_TLVS, readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, isEmptyBody, writeCstr } from './fields.ts';

type Bind = PduOf<'bind_transmitter' | 'bind_receiver' | 'bind_transceiver'>;
type BindResp = PduOf<'bind_transmitter_resp' | 'bind_receiver_resp' | 'bind_transceiver_resp'>;

/** bind_transmitter, bind_receiver, bind_transceiver (SMPP 3.4 §4.1). */
export function decodeBind<C extends Bind['command']>(command: C, r: Reader, commandStatus: number, sequenceNumber: number): PduOf<C> {
  const pdu = {
    command,
    commandStatus,
    sequenceNumber,
    systemId: cstr(r, F.systemId),
    password: cstr(r, F.password),
    systemType: cstr(r, F.systemType),
    interfaceVersion: r.int8(),
    addrTon: r.int8(),
    addrNpi: r.int8(),
    addressRange: cstr(r, F.addressRange),
  };
  r.done();
  return pdu as PduOf<C>;
}

export function encodeBind(pdu: Bind): Buffer {
  const size = cstringSize(pdu.systemId) + cstringSize(pdu.password) + cstringSize(pdu.systemType) + 3 + cstringSize(pdu.addressRange);
  const w = new Writer(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber, size);
  writeCstr(w, pdu.systemId, F.systemId);
  writeCstr(w, pdu.password, F.password);
  writeCstr(w, pdu.systemType, F.systemType);
  w.int8(pdu.interfaceVersion, 'interface_version');
  w.int8(pdu.addrTon, 'addr_ton');
  w.int8(pdu.addrNpi, 'addr_npi');
  writeCstr(w, pdu.addressRange, F.addressRange);
  return w.finish();
}

/** bind_*_resp: system_id and sc_interface_version; the body may be absent on error (§4.1.2). */
export function decodeBindResp<C extends BindResp['command']>(command: C, r: Reader, commandStatus: number, sequenceNumber: number): PduOf<C> {
  const empty = commandStatus !== 0 && r.remaining === 0;
  const systemId = empty ? '' : cstr(r, F.systemId);
  return { command, commandStatus, sequenceNumber, systemId, tlvs: empty ? NO_TLVS : readTlvs(r) } as PduOf<C>;
}

export function encodeBindResp(pdu: BindResp): Buffer {
  const omit = isEmptyBody(pdu.commandStatus, pdu.systemId, pdu.tlvs);
  const size = omit ? 0 : cstringSize(pdu.systemId) + tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber, size);
  if (!omit) {
    writeCstr(w, pdu.systemId, F.systemId);
    writeTlvs(w, pdu.tlvs);
  }
  return w.finish();
}

/** outbind (§4.1.7): the MC asks the ESME to bind. */
export function decodeOutbind(r: Reader, commandStatus: number, sequenceNumber: number): PduOf<'outbind'> {
  const pdu = { command: 'outbind', commandStatus, sequenceNumber, systemId: cstr(r, F.systemId), password: cstr(r, F.password) } as const;
  r.done();
  return pdu;
}

export function encodeOutbind(pdu: PduOf<'outbind'>): Buffer {
  const w = new Writer(COMMAND_IDS.outbind, pdu.commandStatus, pdu.sequenceNumber, cstringSize(pdu.systemId) + cstringSize(pdu.password));
  writeCstr(w, pdu.systemId, F.systemId);
  writeCstr(w, pdu.password, F.password);
  return w.finish();
}
