/**
 * The data_coding value a message goes out with. GSM text goes as 0 unless the peer is set up
 * otherwise; what the bytes then look like is `wireCharsetOf` that value (one source of truth).
 */
import type { CharsetOptions, Coding } from './coding.ts';

export const DATA_CODING = {
  SMSC_DEFAULT: 0x00,
  IA5: 0x01,
  OCTET_UNSPECIFIED_2: 0x02,
  LATIN_1: 0x03,
  OCTET_UNSPECIFIED: 0x04,
  UCS2: 0x08,
} as const;

export function dataCodingFor(coding: Coding, options: CharsetOptions = {}): number {
  switch (coding) {
    case 'gsm7':
      return options.gsm7DataCoding ?? DATA_CODING.SMSC_DEFAULT;
    case 'ucs2':
      return DATA_CODING.UCS2;
    case 'latin1':
      return DATA_CODING.LATIN_1;
    case 'binary':
      return options.binaryDataCoding ?? DATA_CODING.OCTET_UNSPECIFIED;
  }
}
