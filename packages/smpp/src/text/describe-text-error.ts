/**
 * A sentence for each text error, saying what to do about it; for logs, API answers and the panel.
 */
import type { TextError } from './text-result.ts';

const hex = (value: number): string => `0x${value.toString(16).padStart(2, '0').toUpperCase()}`;

export function describeTextError(error: TextError): string {
  switch (error.kind) {
    case 'unrepresentable-character':
      return `The character '${error.character}' at position ${error.index} cannot be sent as ${error.coding}; send the message as UCS-2 (Unicode) or remove it.`;
    case 'unknown-data-coding':
      return `data_coding ${hex(error.dataCoding)} is reserved or unknown; ask the peer which coding it meant.`;
    case 'unsupported-data-coding':
      return `data_coding ${hex(error.dataCoding)} is not supported: ${error.reason}.`;
    case 'binary-content':
      return `data_coding ${hex(error.dataCoding)} is binary: keep the octets, there is no text to show.`;
    case 'invalid-bytes':
      return `The ${error.charset} octets are invalid at offset ${error.offset}: ${error.reason}.`;
    case 'malformed-udh':
      return `The user data header is malformed at offset ${error.offset}: ${error.reason}.`;
    case 'invalid-reference':
      return `The concatenation reference must be an integer from 0 to ${error.max}.`;
    case 'too-many-segments':
      return `The message needs ${error.segments} segments, more than the ${error.max} allowed; shorten it.`;
    case 'payload-too-long':
      return `The message is ${error.octets} octets, more than the ${error.max} message_payload can carry; shorten it.`;
    case 'invalid-part':
      return `The message part is invalid: ${error.reason}.`;
  }
}
