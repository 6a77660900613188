import { COMMAND_IDS } from '../command-ids.ts';
import type { PduOf } from '../pdu.ts';
import type { Reader } from '../reader.ts';
import { Writer } from '../writer.ts';

export type HeaderOnlyCommand =
  | 'generic_nack'
  | 'unbind'
  | 'unbind_resp'
  | 'enquire_link'
  | 'enquire_link_resp'
  | 'cancel_sm_resp'
  | 'replace_sm_resp';

/** PDUs that are a header and nothing else; any body is a length error. */
export function decodeHeaderOnly<C extends HeaderOnlyCommand>(command: C, r: Reader, commandStatus: number, sequenceNumber: number): PduOf<C> {
  r.done();
  return { command, commandStatus, sequenceNumber } as PduOf<C>;
}

export function encodeHeaderOnly(pdu: PduOf<HeaderOnlyCommand>): Buffer {
  return new Writer(COMMAND_IDS[pdu.command], pdu.commandStatus, pdu.sequenceNumber, 0).finish();
}
