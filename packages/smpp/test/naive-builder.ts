/**
 * An independent, deliberately naive PDU builder for tests: plain Buffer concatenation from the
 * spec's tables, sharing no code with the codec.
 */
export const u8 = (n: number): Buffer => Buffer.from([n & 0xff]);
export const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
export const u32 = (n: number): Buffer => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
/** C-Octet String: the characters then a NUL. */
export const c = (s: string): Buffer => Buffer.concat([Buffer.from(s, 'latin1'), Buffer.from([0])]);
export const octets = (...bytes: number[]): Buffer => Buffer.from(bytes);
export const tlv = (tag: number, value: Buffer): Buffer => Buffer.concat([u16(tag), u16(value.length), value]);

/** A whole PDU: command_length computed here, then the header, then the body parts. */
export function pdu(commandId: number, status: number, sequence: number, ...body: Buffer[]): Buffer {
  const bodyBytes = Buffer.concat(body);
  return Buffer.concat([u32(16 + bodyBytes.length), u32(commandId), u32(status), u32(sequence), bodyBytes]);
}
