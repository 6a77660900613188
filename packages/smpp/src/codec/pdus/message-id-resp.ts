import { COMMAND_IDS } from '../command-ids.ts';
import { FIELD as F } from '../field-limits.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { NO_TLVS, readTlvs, tlvsSize, writeTlvs } from '../tlvs.ts';
import { Writer } from '../writer.ts';
import { cstr, cstringSize, isEmptyBody, writeCstr } from './fields.ts';

type MessageIdResp = PduOf<'submit_sm_resp' | 'deliver_sm_resp' | 'data_sm_resp'>;

/**
 * submit_sm_resp (§4.4.2), deliver_sm_resp (§4.6.2) and data_sm_resp (§4.7.2): a message_id, then
 * TLVs (3.4 allows them on data_sm_resp, 5.0 on all three). On error the body may be absent.
 */
export function decodeMessageIdResp<C extends MessageIdResp['command']>(
  command: C,
  r: Reader,
  commandStatus: number,
  sequenceNumber: number,
): PduOf<C> {
  const empty = commandStatus !== 0 && r.remaining === 0;
  const messageId = empty ? '' : cstr(r, F.messageId);
  return { command, commandStatus, sequenceNumber, messageId, tlvs: empty ? NO_TLVS : readTlvs(r) } as PduOf<C>;
}

export function encodeMessageIdResp(pdu: MessageIdResp): Buffer {
  const omit = isEmptyBody(pdu.commandStatus, pdu.messageId, pdu.tlvs);
  const size = omit ? 0 : cstringSize(pdu.messageId) + tlvsSize(pdu.tlvs);
  const w = new Writer(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber, size);
  if (!omit) {
    writeCstr(w, pdu.messageId, F.messageId);
    writeTlvs(w, pdu.tlvs);
  }
  return w.finish();
}
