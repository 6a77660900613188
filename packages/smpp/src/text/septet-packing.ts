/**
 * Packing septets 7-bit (TS 23.038 §6.1.2.1.1): septet n starts at bit 7n, least significant bit
 * first. `fillBits` zero bits come first so that, after a UDH, the text starts on a septet
 * boundary of the whole user data (TS 23.040 §9.2.3.24).
 */
export function packSeptets(septets: Uint8Array, fillBits = 0): Buffer {
  const out = Buffer.alloc(Math.ceil((septets.length * 7 + fillBits) / 8));
  let bit = fillBits;
  for (let i = 0; i < septets.length; i++) {
    const septet = (septets[i] ?? 0) & 0x7f;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] = (out[byte] ?? 0) | ((septet << shift) & 0xff);
    if (shift > 1) out[byte + 1] = septet >> (8 - shift);
    bit += 7;
  }
  return out;
}

/**
 * Packed octets back to septets. SMPP gives octet lengths only, so when the last seven bits are
 * all padding they read as a trailing '@' (septet 0): without `septetCount` that septet is
 * dropped, the usual reading (TS 23.038 §6.1.2.3.1 notes the same ambiguity).
 */
export function unpackSeptets(packed: Uint8Array, fillBits = 0, septetCount?: number): Buffer {
  const available = Math.max(0, Math.floor((packed.length * 8 - fillBits) / 7));
  let count = septetCount === undefined ? available : Math.min(septetCount, available);
  const out = Buffer.allocUnsafe(count);
  let bit = fillBits;
  for (let i = 0; i < count; i++) {
    const byte = bit >> 3;
    const shift = bit & 7;
    const pair = (packed[byte] ?? 0) | ((packed[byte + 1] ?? 0) << 8);
    out[i] = (pair >> shift) & 0x7f;
    bit += 7;
  }
  const allPadding = septetCount === undefined && (packed.length * 8 - fillBits) % 7 === 0;
  if (allPadding && count > 0 && out[count - 1] === 0) count -= 1;
  return out.subarray(0, count);
}

/** Zero bits between a UDH of `udhLength` octets and packed text, so septets stay aligned. */
export function fillBitsAfterUdh(udhLength: number): number {
  return (7 - ((udhLength * 8) % 7)) % 7;
}
