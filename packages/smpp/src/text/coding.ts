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

/** Per-peer settings; both default to the common case (unpacked GSM 03.38 for data_coding 0). */
export interface CharsetOptions {
  readonly dataCoding0?: DataCoding0;
  /** The peer expects GSM septets packed 7-bit (rare over SMPP; usual on the air interface). */
  readonly gsm7Packed?: boolean;
}

/** How a GSM-coded message goes on the wire to a peer with these settings. */
export function gsm7WireCharset(options: CharsetOptions = {}): WireCharset {
  switch (options.dataCoding0 ?? 'gsm7') {
    case 'gsm7':
      return options.gsm7Packed === true ? 'gsm7-packed' : 'gsm7';
    case 'latin1':
      return 'latin1';
    case 'ascii':
      return 'ascii';
  }
}
