import { decodeShortMessage, parseUdh } from '@petrel/smpp';

const UDHI = 0x40;

/** The text of a submitted message, for the receipt to quote; '' for binary or undecodable content. */
export function submittedText(message: { readonly esmClass: number; readonly dataCoding: number; readonly body: Buffer | undefined }): string {
  if (message.body === undefined || message.body.length === 0) return '';
  let body: Uint8Array = message.body;
  if ((message.esmClass & UDHI) !== 0) {
    const udh = parseUdh(body);
    if (!udh.ok) return '';
    body = udh.value.body;
  }
  const text = decodeShortMessage(body, message.dataCoding);
  return text.ok ? text.value : '';
}
