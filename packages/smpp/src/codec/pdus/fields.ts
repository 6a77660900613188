import { COMMAND_STATUS } from '../command-status.ts';
import { FieldError } from '../field-error.ts';
import { MAX_SHORT_MESSAGE, type FieldLimit } from '../field-limits.ts';
import type { Reader } from '../reader.ts';
import type { Tlvs } from '../tlv-table.ts';
import type { Writer } from '../writer.ts';

/** Helpers the PDU codecs share: a named C-Octet String field and the sm_length/short_message pair. */
export function cstr(r: Reader, field: FieldLimit): string {
  return r.cstring(field.max, field.status, field.name);
}

export function writeCstr(w: Writer, value: string, field: FieldLimit): void {
  w.cstring(value, field.max, field.name);
}

export function cstringSize(value: string): number {
  return value.length + 1;
}

/** sm_length then short_message; a length over 254 or past the PDU is ESME_RINVMSGLEN. */
export function readShortMessage(r: Reader): Buffer {
  const length = r.int8();
  if (length > MAX_SHORT_MESSAGE || length > r.remaining) {
    throw new FieldError(COMMAND_STATUS.ESME_RINVMSGLEN, `sm_length ${length} exceeds ${Math.min(MAX_SHORT_MESSAGE, r.remaining)}`);
  }
  return r.octets(length);
}

export function writeShortMessage(w: Writer, message: Buffer): void {
  if (message.length > MAX_SHORT_MESSAGE) {
    throw new RangeError(`short_message is ${message.length} octets; above 254 use the messagePayload TLV`);
  }
  w.int8(message.length, 'sm_length');
  w.octets(message);
}

export function hasTlvs(tlvs: Tlvs): boolean {
  for (const name in tlvs) if ((tlvs as Record<string, unknown>)[name] !== undefined) return true;
  return false;
}

/** Error responses go without a body when there is nothing in it (SMPP 3.4 §4.1.2, §4.4.2). */
export function isEmptyBody(commandStatus: number, id: string, tlvs: Tlvs): boolean {
  return commandStatus !== 0 && id === '' && !hasTlvs(tlvs);
}
