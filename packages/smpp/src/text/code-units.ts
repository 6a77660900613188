/**
 * Text built from UTF-16 code units without a string per character: decoders fill a
 * Uint16Array and make one flat string of it. (Appending a character at a time makes a rope
 * node per character, about 1.6 KB of garbage for a 50-character message, then flattens it.)
 */

/** A buffer of `length` units, reused across calls: decoding is synchronous, so it is never shared. */
export function unitBuffer(length: number): Uint16Array {
  if (length > scratch.length) scratch = new Uint16Array(Math.max(length, scratch.length * 2));
  return scratch;
}

let scratch = new Uint16Array(512);

/** The first `count` units as a string (in chunks: an argument list has a limit). */
export function textOfUnits(units: Uint16Array, count: number): string {
  if (count <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, count) as unknown as number[]);
  let text = '';
  for (let at = 0; at < count; at += CHUNK) text += String.fromCharCode.apply(null, units.subarray(at, Math.min(count, at + CHUNK)) as unknown as number[]);
  return text;
}

const CHUNK = 4096;
