/**
 * IA5 / US-ASCII (data_coding 1, or 0 for peers that read it so): seven bits per octet.
 */
import { unrepresentable } from './gsm7.ts';
import { firstAbove } from './latin1.ts';
import { fail, ok, type TextResult } from './text-result.ts';

export function encodeAscii(text: string): TextResult<Buffer> {
  const bad = firstAbove(text, 0x7f);
  if (bad !== -1) return fail({ kind: 'unrepresentable-character', coding: 'ascii', character: unrepresentable(text, bad), index: bad });
  return ok(Buffer.from(text, 'latin1'));
}

/** Refuses octets above 0x7F instead of guessing which 8-bit set the peer really meant. */
export function decodeAscii(bytes: Uint8Array): TextResult<string> {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) > 0x7f) return fail({ kind: 'invalid-bytes', charset: 'ascii', offset: i, reason: 'an octet above 0x7F is not ASCII' });
  }
  return ok(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}
