/**
 * Writes one PDU into a single Buffer sized up front by its encoder: the header first, then one
 * method per wire type. Encoders validate what the application gave them, so a field that breaks
 * the spec throws a RangeError naming it.
 */
export class Writer {
  readonly buffer: Buffer;
  offset = 16;

  constructor(commandId: number, commandStatus: number, sequenceNumber: number, bodyLength: number) {
    const length = 16 + bodyLength;
    const buffer = Buffer.allocUnsafe(length);
    buffer.writeUInt32BE(length, 0);
    buffer.writeUInt32BE(commandId, 4);
    buffer.writeUInt32BE(uint32(commandStatus, 'command_status'), 8);
    buffer.writeUInt32BE(uint32(sequenceNumber, 'sequence_number'), 12);
    this.buffer = buffer;
  }

  int8(value: number, field: string): void {
    if (!(value >= 0 && value <= 0xff && value === (value | 0))) throw outOfRange(field, value);
    this.buffer[this.offset++] = value;
  }

  int16(value: number, field: string): void {
    if (!(value >= 0 && value <= 0xffff && value === (value | 0))) throw outOfRange(field, value);
    this.buffer.writeUInt16BE(value, this.offset);
    this.offset += 2;
  }

  int32(value: number, field: string): void {
    this.buffer.writeUInt32BE(uint32(value, field), this.offset);
    this.offset += 4;
  }

  /** A C-Octet String; `max` counts the NUL, as in the spec's tables. */
  cstring(value: string, max: number, field: string): void {
    if (value.length >= max) throw new RangeError(`${field} is longer than ${max - 1} characters`);
    if (value.length > 0) this.offset += this.buffer.write(value, this.offset, 'latin1');
    this.buffer[this.offset++] = 0;
  }

  /** An SMPP time (§7.1): empty, or exactly 16 characters. */
  time(value: string, field: string): void {
    if (value.length !== 0 && value.length !== 16) throw new RangeError(`${field} must be empty or 16 characters`);
    this.cstring(value, 17, field);
  }

  octets(value: Buffer): void {
    this.offset += value.copy(this.buffer, this.offset);
  }

  finish(): Buffer {
    // A size computed apart from the writes must agree with them, or the PDU would lie about its length.
    if (this.offset !== this.buffer.length) throw new Error(`encoder wrote ${this.offset} of ${this.buffer.length} octets`);
    return this.buffer;
  }
}

function uint32(value: number, field: string): number {
  if (!(value >= 0 && value <= 0xffffffff && value === Math.floor(value))) throw outOfRange(field, value);
  return value;
}

function outOfRange(field: string, value: unknown): RangeError {
  return new RangeError(`${field} is out of range: ${String(value)}`);
}
