/**
 * The text of a reassembled message. Parts are joined before decoding, not after, so an escape
 * pair or a surrogate pair that a sender split across two parts still reads right.
 */
import type { CharsetOptions } from './coding.ts';
import { decodeBody } from './decode-short-message.ts';
import type { ShiftTables } from './gsm7-charset.ts';
import type { IncomingPart } from './read-incoming-part.ts';
import { unpackSeptets } from './septet-packing.ts';
import { fail, ok, type TextResult } from './text-result.ts';
import { wireCharsetOf } from './wire-charset-of.ts';

function sameTables(a: ShiftTables, b: ShiftTables): boolean {
  return a.locking === b.locking && a.singleShift === b.singleShift;
}

/** One run of consecutive parts with the same coding, decoded as a whole. */
function decodeRun(run: readonly IncomingPart[], options: CharsetOptions): TextResult<string> {
  const first = run[0];
  if (first === undefined) return ok('');
  const charset = wireCharsetOf(first.dataCoding, options);
  if (!charset.ok) return charset;
  if (charset.value === 'binary') return fail({ kind: 'binary-content', dataCoding: first.dataCoding });
  if (charset.value === 'gsm7-packed') {
    const septets = Buffer.concat(run.map((part) => unpackSeptets(part.body, part.fillBits)));
    return decodeBody(septets, 'gsm7', { shiftTables: first.shiftTables });
  }
  return decodeBody(Buffer.concat(run.map((part) => part.body)), charset.value, { shiftTables: first.shiftTables });
}

/** Parts in sequence order. Mixed codings (a sender's odd choice) decode run by run. */
export function decodeParts(parts: readonly IncomingPart[], options: CharsetOptions = {}): TextResult<string> {
  let text = '';
  let run: IncomingPart[] = [];
  for (const part of parts) {
    const last = run[run.length - 1];
    if (last !== undefined && (last.dataCoding !== part.dataCoding || !sameTables(last.shiftTables, part.shiftTables))) {
      const decoded = decodeRun(run, options);
      if (!decoded.ok) return decoded;
      text += decoded.value;
      run = [];
    }
    run.push(part);
  }
  const decoded = decodeRun(run, options);
  return decoded.ok ? ok(text + decoded.value) : decoded;
}
