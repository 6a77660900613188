/**
 * How to read the bytes of a short message with a given data_coding: SMPP 3.4 §5.2.19 for
 * 0x00..0x0F, the GSM data coding scheme groups of TS 23.038 §4 above that.
 */
import type { CharsetOptions, WireCharset } from './coding.ts';
import { fail, ok, type TextResult } from './text-result.ts';

const SMPP_UNSUPPORTED: ReadonlyMap<number, string> = new Map([
  [0x05, 'JIS (X 0208-1990)'],
  [0x06, 'Cyrillic (ISO-8859-5)'],
  [0x07, 'Latin/Hebrew (ISO-8859-8)'],
  [0x09, 'Pictogram encoding'],
  [0x0a, 'ISO-2022-JP (music codes)'],
  [0x0d, 'Extended Kanji JIS (X 0212-1990)'],
  [0x0e, 'KS C 5601'],
]);

function gsm7(options: CharsetOptions): WireCharset {
  return options.gsm7Packed === true ? 'gsm7-packed' : 'gsm7';
}

function smppCharset(dataCoding: number, options: CharsetOptions): TextResult<WireCharset> {
  switch (dataCoding) {
    case 0x00: {
      const meaning = options.dataCoding0 ?? 'gsm7';
      return ok(meaning === 'gsm7' ? gsm7(options) : meaning);
    }
    case 0x01:
      return ok('ascii');
    case 0x02:
    case 0x04:
      return ok('binary');
    case 0x03:
      return ok('latin1');
    case 0x08:
      return ok('ucs2');
  }
  const name = SMPP_UNSUPPORTED.get(dataCoding);
  if (name !== undefined) return fail({ kind: 'unsupported-data-coding', dataCoding, reason: `${name} is not supported` });
  return fail({ kind: 'unknown-data-coding', dataCoding });
}

/** Bits 3..2 of the general and message-waiting groups: 00 GSM, 01 8-bit, 10 UCS-2. */
function alphabet(dataCoding: number, options: CharsetOptions): TextResult<WireCharset> {
  switch ((dataCoding >> 2) & 0x03) {
    case 0:
      return ok(gsm7(options));
    case 1:
      return ok('binary');
    case 2:
      return ok('ucs2');
    default:
      return fail({ kind: 'unknown-data-coding', dataCoding });
  }
}

export function wireCharsetOf(dataCoding: number, options: CharsetOptions = {}): TextResult<WireCharset> {
  if (!Number.isInteger(dataCoding) || dataCoding < 0 || dataCoding > 0xff) return fail({ kind: 'unknown-data-coding', dataCoding });
  if (dataCoding <= 0x0f) return smppCharset(dataCoding, options);
  if (dataCoding <= 0x7f) {
    // General data coding / automatic deletion groups; bit 5 marks compressed text.
    if ((dataCoding & 0x20) !== 0) return fail({ kind: 'unsupported-data-coding', dataCoding, reason: 'compressed text (TS 23.042) is not supported' });
    return alphabet(dataCoding, options);
  }
  if (dataCoding <= 0xbf) return fail({ kind: 'unknown-data-coding', dataCoding });
  if (dataCoding <= 0xdf) return ok(gsm7(options)); // message waiting indication, GSM text
  if (dataCoding <= 0xef) return ok('ucs2'); // message waiting indication, UCS-2 text
  return ok((dataCoding & 0x04) === 0 ? gsm7(options) : 'binary'); // data coding / message class
}
