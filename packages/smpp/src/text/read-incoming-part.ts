/**
 * Turns a received short message (deliver_sm or submit_sm) into a part for the reassembler.
 * Concatenation comes from the UDH when UDHI is set, else from the SAR TLVs; a message with
 * neither is a part 1 of 1, so every message can take the same path.
 */
import type { ShiftTables } from './gsm7-charset.ts';
import { parseUdh } from './parse-udh.ts';
import { fillBitsAfterUdh } from './septet-packing.ts';
import type { SarValues } from './split-message.ts';
import { fail, ok, type TextResult } from './text-result.ts';

export interface ReceivedShortMessage {
  readonly source: string;
  readonly destination: string;
  readonly dataCoding: number;
  /** short_message, or message_payload when that TLV was used instead. */
  readonly shortMessage: Uint8Array;
  readonly esmClassUdhi: boolean;
  readonly sar?: SarValues;
}

export interface IncomingPart {
  readonly source: string;
  readonly destination: string;
  readonly reference: number;
  readonly total: number;
  /** 1-based. */
  readonly sequence: number;
  readonly dataCoding: number;
  /** The user data without its UDH. */
  readonly body: Uint8Array;
  /** Packed GSM only: fill bits between the UDH and the text. */
  readonly fillBits: number;
  readonly shiftTables: ShiftTables;
}

function fromSar(sar: SarValues): TextResult<{ reference: number; total: number; sequence: number }> {
  const { sarMsgRefNum: reference, sarTotalSegments: total, sarSegmentSeqnum: sequence } = sar;
  if (total < 1 || sequence < 1 || sequence > total) return fail({ kind: 'invalid-part', reason: `SAR part ${sequence} of ${total} is out of range` });
  return ok({ reference, total, sequence });
}

export function readIncomingPart(message: ReceivedShortMessage): TextResult<IncomingPart> {
  const { source, destination, dataCoding } = message;
  let body = message.shortMessage;
  let fillBits = 0;
  let shiftTables: ShiftTables = {};
  let position = { reference: 0, total: 1, sequence: 1 };
  if (message.esmClassUdhi) {
    const udh = parseUdh(message.shortMessage);
    if (!udh.ok) return udh;
    ({ body, shiftTables } = udh.value);
    fillBits = fillBitsAfterUdh(udh.value.udhLength);
    if (udh.value.concatenation !== undefined) position = udh.value.concatenation;
  }
  if (position.total === 1 && message.sar !== undefined) {
    const sar = fromSar(message.sar);
    if (!sar.ok) return sar;
    position = sar.value;
  }
  const { reference, total, sequence } = position;
  return ok({ source, destination, reference, total, sequence, dataCoding, body, fillBits, shiftTables });
}
