import { COMMAND_STATUS } from './command-status.ts';
import { FieldError } from './field-error.ts';

const { ESME_RINVCMDLEN } = COMMAND_STATUS;

/**
 * Reads SMPP wire types from one PDU, one method per type (SMPP 3.4 §3.1). Running past the end of
 * the PDU is a length problem (ESME_RINVCMDLEN); a field longer than the spec allows raises the
 * status the caller names for that field.
 */
export class Reader {
  offset: number;

  constructor(
    readonly buffer: Buffer,
    offset: number,
    readonly end: number = buffer.length,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  int8(): number {
    if (this.offset + 1 > this.end) throw truncated('Integer(1)');
    return this.buffer[this.offset++] as number;
  }

  int16(): number {
    if (this.offset + 2 > this.end) throw truncated('Integer(2)');
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  int32(): number {
    if (this.offset + 4 > this.end) throw truncated('Integer(4)');
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A C-Octet String of at most `max` octets including its NUL terminator. */
  cstring(max: number, tooLongStatus: number, field: string): string {
    const { buffer, offset } = this;
    const limit = Math.min(this.end, offset + max);
    let nul = offset;
    while (nul < limit && buffer[nul] !== 0) nul++;
    if (nul === limit) {
      if (limit === this.end && offset + max > this.end) throw truncated(field);
      throw new FieldError(tooLongStatus, `${field} is longer than ${max - 1} characters`);
    }
    this.offset = nul + 1;
    return nul === offset ? '' : buffer.toString('latin1', offset, nul);
  }

  /** An SMPP time (§7.1): empty, or exactly 16 characters. */
  time(invalidStatus: number, field: string): string {
    const value = this.cstring(17, invalidStatus, field);
    if (value.length !== 0 && value.length !== 16) {
      throw new FieldError(invalidStatus, `${field} must be empty or 16 characters`);
    }
    return value;
  }

  /** An Octet String of `length` octets, copied so the PDU does not pin the socket's buffer. */
  octets(length: number): Buffer {
    if (this.offset + length > this.end) throw truncated('Octet String');
    const value = Buffer.allocUnsafe(length);
    this.buffer.copy(value, 0, this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** Bodies without TLVs must end exactly where their last field does. */
  done(): void {
    if (this.offset !== this.end) {
      throw new FieldError(ESME_RINVCMDLEN, `${this.end - this.offset} unexpected octets after the body`);
    }
  }
}

function truncated(field: string): FieldError {
  return new FieldError(ESME_RINVCMDLEN, `PDU ends inside ${field}`);
}
