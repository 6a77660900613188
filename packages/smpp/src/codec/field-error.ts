/**
 * Raised inside a PDU decoder when a field breaks the spec. It never leaves `decodePdu`, which
 * turns it into a `PduDecodeError` value; it is not an `Error` so that throwing it captures no
 * stack (a flood of bad PDUs must stay cheap).
 */
export class FieldError {
  constructor(
    readonly commandStatus: number,
    readonly message: string,
  ) {}
}
