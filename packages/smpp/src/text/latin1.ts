/**
 * ISO-8859-1 (data_coding 3): one octet per character, code points U+0000..U+00FF only.
 */
import { unrepresentable } from './gsm7.ts';
import { fail, ok, type TextResult } from './text-result.ts';

/** Index of the first character above `max`, or -1. */
export function firstAbove(text: string, max: number): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > max) return i;
  return -1;
}

export function encodeLatin1(text: string): TextResult<Buffer> {
  const bad = firstAbove(text, 0xff);
  if (bad !== -1) return fail({ kind: 'unrepresentable-character', coding: 'latin1', character: unrepresentable(text, bad), index: bad });
  return ok(Buffer.from(text, 'latin1'));
}

export function decodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
