/** The smallest legal PDU: the 16-octet header. */
export const HEADER_LENGTH = 16;

/**
 * A declared command_length the framer refuses (below 16 or above the maximum). After one the
 * stream cannot be trusted, so the framer yields nothing more. Header fields are included when the
 * bytes were there, so the session can nack the right sequence number.
 */
export interface FramingError {
  readonly kind: 'framing_error';
  readonly commandLength: number;
  readonly commandId: number | undefined;
  readonly sequenceNumber: number | undefined;
  readonly message: string;
}

/**
 * Cuts a byte stream into PDUs and does nothing else: no decoding. Chunks go in with `push`,
 * complete PDUs come out of `next` one at a time, so a paused reader can stop pulling. A frame that
 * sits inside one chunk is a view of it, not a copy.
 */
export class PduFramer {
  private chunks: Buffer[] = [];
  private head = 0; // read offset into chunks[0]
  private buffered = 0;
  private failed = false;

  constructor(readonly maxPduLength: number) {}

  /** Octets received but not yet returned as frames. */
  get bufferedLength(): number {
    return this.buffered;
  }

  push(chunk: Buffer): void {
    if (this.failed || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The next complete PDU, a framing error (once), or undefined when more bytes are needed. */
  next(): Buffer | FramingError | undefined {
    if (this.failed || this.buffered < 4) return undefined;
    let first = this.chunks[0] as Buffer;
    if (first.length - this.head < 4) first = this.coalesce();
    const length = first.readUInt32BE(this.head);
    if (length < HEADER_LENGTH || length > this.maxPduLength) return this.fail(length);
    if (this.buffered < length) return undefined;
    if (first.length - this.head < length) first = this.coalesce();
    const frame = first.subarray(this.head, this.head + length);
    this.consume(length, first);
    return frame;
  }

  private consume(length: number, first: Buffer): void {
    this.buffered -= length;
    this.head += length;
    if (this.head === first.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Joins what is buffered into one chunk; only needed when a PDU straddles chunks. */
  private coalesce(): Buffer {
    const joined = Buffer.concat(this.chunks).subarray(this.head);
    this.chunks = [joined];
    this.head = 0;
    return joined;
  }

  private fail(commandLength: number): FramingError {
    this.failed = true;
    const header = this.buffered >= HEADER_LENGTH ? this.peekHeader() : undefined;
    this.chunks = [];
    this.buffered = 0;
    const message =
      commandLength < HEADER_LENGTH
        ? `command_length ${commandLength} is shorter than the header`
        : `command_length ${commandLength} exceeds the maximum of ${this.maxPduLength}`;
    return {
      kind: 'framing_error',
      commandLength,
      commandId: header?.readUInt32BE(4),
      sequenceNumber: header?.readUInt32BE(12),
      message,
    };
  }

  private peekHeader(): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length - this.head >= HEADER_LENGTH) return first.subarray(this.head, this.head + HEADER_LENGTH);
    return this.coalesce().subarray(0, HEADER_LENGTH);
  }
}
