/**
 * Public API of the SMPP text layer: GSM 03.38, Latin-1, UCS-2 and binary codings, segment
 * counting, splitting for submit_sm, UDH and reassembly. Pure functions, no I/O.
 */
export type { Coding, DataCoding0, WireCharset, CharsetOptions } from './coding.ts';
export type { TextError, TextErrorKind, TextResult } from './text-result.ts';
export { describeTextError } from './describe-text-error.ts';

export { DEFAULT_LOCKING, DEFAULT_SINGLE_SHIFT, ESC } from './gsm7-alphabet.ts';
export { NATIONAL_LANGUAGES, nationalLanguageOf, type NationalLanguage } from './national-language-tables.ts';
export { DEFAULT_GSM7, gsm7Charset, type Gsm7Charset, type ShiftTables } from './gsm7-charset.ts';
export { decodeGsm7, encodeGsm7, gsm7Length } from './gsm7.ts';
export { fillBitsAfterUdh, packSeptets, unpackSeptets } from './septet-packing.ts';
export { decodeLatin1, encodeLatin1 } from './latin1.ts';
export { decodeAscii, encodeAscii } from './ascii.ts';
export { decodeUcs2, encodeUcs2 } from './ucs2.ts';

export { chooseCoding } from './choose-coding.ts';
export { DATA_CODING, dataCodingFor } from './data-coding-for.ts';
export { wireCharsetOf } from './wire-charset-of.ts';
export { decodeBody, decodeShortMessage, type DecodeOptions } from './decode-short-message.ts';
export { encodeForWire } from './encode-for-wire.ts';

export { MAX_SEGMENTS, segmentCapacity, unitsPerSegment, type Concatenation, type SegmentCapacity } from './segment-capacity.ts';
export { countSegments, type CountOptions, type SegmentCount, type SegmentUnit, type TextCoding } from './count-segments.ts';
export { countNationalSegments, type NationalSegmentCount } from './count-national-segments.ts';
export { MAX_MESSAGE_PAYLOAD, splitMessage, type SarValues, type SplitMessage, type SplitOptions, type SubmitPart } from './split-message.ts';

export { IEI, type ConcatenationElement, type UdhElement } from './udh-element.ts';
export { encodeUdh } from './encode-udh.ts';
export { parseUdh, type ParsedUdh } from './parse-udh.ts';

export { readIncomingPart, type IncomingPart, type ReceivedShortMessage } from './read-incoming-part.ts';
export { decodeParts } from './decode-parts.ts';
export { Reassembler, type AddResult, type ExpiredMessage, type ReassembledMessage, type ReassemblerOptions } from './reassembler.ts';
