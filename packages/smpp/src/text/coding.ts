/**
 * The vocabulary of the text layer.
 *
 * A message's `Coding` is what the handset receives and what segments are counted in. The
 * `WireCharset` is how the bytes sit in short_message: GSM text can travel as unpacked septets,
 * packed septets, or as Latin-1/ASCII bytes when the peer reads data_coding 0 that way and
 * converts to GSM itself.
 */
export type Coding = 'gsm7' | 'ucs2' | 'latin1' | 'binary';

/** What a peer means by data_coding 0 (SMPP 3.4 says only "SMSC default alphabet"). */
export type DataCoding0 = 'gsm7' | 'latin1' | 'ascii';

export type WireCharset = 'gsm7' | 'gsm7-packed' | 'latin1' | 'ascii' | 'ucs2' | 'binary';

/** Per-peer settings; every one defaults to the common case. */
export interface CharsetOptions {
  /** How the peer reads data_coding 0; default 'gsm7' (unpacked GSM 03.38). */
  readonly dataCoding0?: DataCoding0;
  /** The peer wants GSM septets packed 7-bit (rare over SMPP, usual on the air interface). */
  readonly gsm7Packed?: boolean;
  /** data_coding for GSM text; default 0. A GSM DCS such as 0xF1 when 0 means something else. */
  readonly gsm7DataCoding?: number;
  /** data_coding for binary content; default 0x04 (8-bit binary). */
  readonly binaryDataCoding?: number;
}
